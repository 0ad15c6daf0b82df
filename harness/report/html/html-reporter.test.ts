import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimelineEntry } from '../../record';
import type { Scenario } from '../../runner';
import { jsonReport, ReportError } from '../json-reporter';
import type { ReportedScenario, RunEnd, RunStart } from '../reporter';
import { annotate, assetSources, codeNames, faultSpans, HtmlReporter, scriptSafeJson, type ReportAnnotations } from './index';

const scenario = (name: string): Scenario => ({ name, setup: { page: 'pages/play/play' }, duration: '10s', timeline: [] }) as unknown as Scenario;

const timeline: TimelineEntry[] = [
  { t: 0, source: 'server', kind: 'server', detail: { event: 'publish', key: 'live/demo' } },
  { t: 2000, source: 'player#player', kind: 'statechange', code: 2004 },
  { t: 3000, source: 'player#player', kind: 'netstatus', detail: { info: { videoBitrate: 800, audioBitrate: 48, videoFPS: 15 } } },
  { t: 5000, source: 'network', kind: 'action', detail: { action: 'cut' } },
  { t: 5016, source: 'player#player', kind: 'statechange', code: 2103 },
  { t: 9000, source: 'network', kind: 'action', detail: { action: 'restore' } },
];

function result(name: string, status: ReportedScenario['status'], entries: readonly TimelineEntry[] = timeline): ReportedScenario {
  const failed = status === 'failed';
  return {
    name,
    status,
    file: `/project/scenarios/${name.length}.scenario.ts`,
    expectations: failed
      ? [
          {
            kind: 'sequence',
            path: 'expect.sequence',
            pass: false,
            expected: {
              steps: [
                { text: 'player#player 2004', code: 2004, source: 'player#player' },
                { text: 'player#player 2004 within 1s', code: 2004, withinMs: 1000 },
              ],
            },
            observed: { matchedSteps: 1 },
            alignment: {
              pass: false,
              steps: [
                { status: 'matched', step: { text: 'player#player 2004', code: 2004 }, match: { index: 1, entry: entries[1]! }, sincePreviousMs: 2000 },
                {
                  status: 'missing',
                  step: { text: 'player#player 2004 within 1s', code: 2004, withinMs: 1000 },
                  afterStep: 1,
                  afterMs: 2000,
                  nearMisses: [],
                  seenEarlier: [],
                },
              ],
              window: { fromIndex: 1, toIndex: entries.length - 1, entries: [], quiet: 1, more: 0 },
              timelineLength: entries.length,
            },
          },
        ]
      : [],
    failures: failed ? ['sequence not observed'] : [],
    timeline: entries,
    metrics: {},
    clock: 'virtual',
    virtualMs: 10_000,
    wallMs: 12,
    target: 'simulate',
  };
}

function run(results: readonly ReportedScenario[], options: { interrupted?: boolean; planned?: number } = {}): { start: RunStart; end: RunEnd } {
  const planned = options.planned ?? results.length;
  const start: RunStart = {
    startedAt: new Date('2026-11-26T04:00:00.000Z'),
    target: 'simulate',
    seed: 7,
    miniprogramRoot: '/project/miniprogram',
    scenarios: Array.from({ length: planned }, (_, i) => ({ scenario: scenario(results[i]?.name ?? `never ran ${i}`) })),
  };
  return { start, end: { finishedAt: new Date('2026-11-26T04:00:01.500Z'), interrupted: options.interrupted ?? false, results } };
}

/** The two data blobs of a written page, parsed back, and the page's text. */
function readPage(file: string): { html: string; results: unknown; annotations: ReportAnnotations } {
  const html = readFileSync(file, 'utf8');
  const blob = (id: string): unknown => {
    const m = new RegExp(`<script type="application/json" id="${id}">([^]*?)</script>`).exec(html);
    if (!m) throw new Error(`no #${id} in ${file}`);
    return JSON.parse(m[1]!);
  };
  return { html, results: blob('results'), annotations: blob('annotations') as ReportAnnotations };
}

describe('HtmlReporter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'live-harness-html-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function write(results: readonly ReportedScenario[], options: { interrupted?: boolean; planned?: number } = {}): Promise<string> {
    const { start, end } = run(results, options);
    let told: string | undefined;
    const reporter = new HtmlReporter({ folder: (r) => join(dir, r.startedAt.toISOString().replace(/[:.]/g, '-')), onWritten: (f) => (told = f) });
    await reporter.onRunStart(start);
    await reporter.onRunEnd(end);
    expect(told).toBe(reporter.file);
    return reporter.file!;
  }

  it('writes index.html and copies uPlot and the page script and style into assets/', async () => {
    const file = await write([result('a passing story', 'passed')]);
    const folder = join(dir, '2026-11-26T04-00-00-000Z');
    expect(file).toBe(join(folder, 'index.html'));
    expect(readdirSync(join(folder, 'assets')).sort()).toEqual(['report.css', 'report.js', 'uPlot.iife.min.js', 'uPlot.min.css']);
    const sources = assetSources();
    expect(readFileSync(join(folder, 'assets', 'uPlot.iife.min.js'))).toEqual(readFileSync(sources.uplotJs));
    expect(readFileSync(join(folder, 'assets', 'report.js'))).toEqual(readFileSync(sources.reportJs));
    const { html } = readPage(file);
    // Loads only from its own folder: no CDN, no absolute path.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.sort()).toEqual(['assets/report.css', 'assets/report.js', 'assets/uPlot.iife.min.js', 'assets/uPlot.min.css']);
  });

  it('embeds the object of results.json, which parses back unchanged', async () => {
    const results = [result('one', 'passed'), result('two', 'failed')];
    const { results: embedded } = readPage(await write(results));
    const { start, end } = run(results);
    expect(embedded).toEqual(JSON.parse(JSON.stringify(jsonReport(start, end))));
  });

  it('escapes a scenario name holding </script> and U+2028/U+2029 so the data stays inside its element', async () => {
    const name = 'ends </script><script>window.pwned = 1</script> and <!-- with \u2028 line \u2029 separators';
    const { html, results } = readPage(await write([result(name, 'failed')]));
    // The page's own four scripts close; nothing in the data does.
    expect(html.match(/<\/script/gi)).toHaveLength(4);
    expect(html).not.toContain('<!--');
    expect(html).not.toMatch(/[\u2028\u2029]/);
    expect((results as { scenarios: { name: string }[] }).scenarios[0]!.name).toBe(name);
  });

  it('is written for a failed run, with the failure and its alignment in the data', async () => {
    const { results, annotations } = readPage(await write([result('passes', 'passed'), result('breaks', 'failed'), result('elsewhere', 'not-applicable', [])]));
    const r = results as { summary: { passed: number; failed: number; notApplicable: number }; scenarios: ReportedScenario[] };
    expect(r.summary).toEqual({ passed: 1, failed: 1, notApplicable: 1, interrupted: 0, notRun: 0 });
    expect(r.scenarios[1]!.expectations[0]).toMatchObject({
      kind: 'sequence',
      pass: false,
      alignment: { steps: [{ status: 'matched' }, { status: 'missing' }] },
    });
    expect(annotations.scenarios).toHaveLength(3);
    expect(annotations.scenarios[2]).toEqual({ faults: [], codeNames: {}, endMs: 10_000 });
  });

  it('is written for an interrupted run, counting the scenarios that never ran', async () => {
    const { results, annotations } = readPage(await write([result('stopped midway', 'failed')], { interrupted: true, planned: 4 }));
    expect((results as { interrupted: boolean }).interrupted).toBe(true);
    expect(annotations.notRun).toBe(3);
  });

  it('refuses to end a run that never started, naming the call to make', () => {
    const reporter = new HtmlReporter({ folder: dir });
    expect(() => reporter.onRunEnd(run([]).end)).toThrow(ReportError);
    expect(() => reporter.onRunEnd(run([]).end)).toThrow(/Call onRunStart before onRunEnd/);
  });
});

describe('annotations', () => {
  it('names each code by its source: the same number is a pusher code or a player code', () => {
    const names = codeNames([
      { t: 0, source: 'player#p', kind: 'statechange', code: 2004 },
      { t: 1, source: 'pusher#q', kind: 'statechange', code: 1002 },
      { t: 2, source: 'player#p', kind: 'statechange', code: -2301 },
    ]);
    expect(names).toEqual({ 'player#p': { '2004': 'PLAY_EVT_PLAY_BEGIN', '-2301': 'PLAY_ERR_NET_DISCONNECT' }, 'pusher#q': { '1002': 'PUSH_EVT_PUSH_BEGIN' } });
  });

  it('turns fault actions into spans: restore ends them all, a timed one ends alone, an instant one is a line', () => {
    const spans = faultSpans(
      [
        { t: 1000, source: 'network', kind: 'action', detail: { action: 'cut', forMs: 2000 } },
        { t: 1500, source: 'network', kind: 'action', detail: { action: 'dns-fail', host: 'a.example' } },
        { t: 3000, source: 'network', kind: 'action', detail: { action: 'restore', fault: 'cut' } },
        { t: 4000, source: 'network', kind: 'action', detail: { action: 'stall', forMs: 500 } },
        { t: 4500, source: 'network', kind: 'action', detail: { action: 'unstall' } },
        { t: 5000, source: 'network', kind: 'action', detail: { action: 'reset', target: '*' } },
        { t: 6000, source: 'proxy', kind: 'action', detail: { action: 'toxic-added', name: 'lat', toxic: { type: 'latency' } } },
        { t: 7000, source: 'network', kind: 'action', detail: { action: 'restore' } },
        { t: 8000, source: 'device', kind: 'action', detail: { action: 'background' } },
        { t: 8500, source: 'device', kind: 'action', detail: { action: 'foreground' } },
        { t: 9000, source: 'network', kind: 'action', detail: { action: 'remote-publish', key: 'live/demo' } },
      ],
      10_000,
    );
    expect(spans.map((s) => [s.source, s.label, s.fromMs, s.toMs, s.instant])).toEqual([
      ['network', 'cut', 1000, 3000, false],
      ['network', 'dns-fail a.example', 1500, 7000, false],
      ['network', 'stall', 4000, 4500, false],
      ['network', 'reset', 5000, 5000, true],
      // a toxic the run never removed lasts to the end of the story
      ['proxy', 'toxic latency', 6000, 10_000, false],
      ['device', 'background', 8000, 8500, false],
    ]);
    expect(spans[0]).toMatchObject({ index: 0, endIndex: 2 });
    expect(spans[4]!.endIndex).toBeUndefined();
  });

  it('keeps the time axis long enough for entries after the story (a teardown)', () => {
    const { start, end } = run([result('late', 'passed', [...timeline, { t: 12_500, source: 'page', kind: 'lifecycle' }])]);
    expect(annotate(jsonReport(start, end), 1).scenarios[0]!.endMs).toBe(12_500);
  });
});

describe('scriptSafeJson', () => {
  it('escapes with JSON escapes only, so JSON.parse gives back the same value', () => {
    const value = { s: '</SCRIPT></script ><!-- & \u2028\u2029 >' };
    const text = scriptSafeJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
