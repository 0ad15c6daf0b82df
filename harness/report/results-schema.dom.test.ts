/* eslint-disable @typescript-eslint/no-explicit-any -- the tests reach into parsed reports to change them */
/**
 * results.json against its schema (harness/report/results.schema.json), with
 * ajv in strict mode: reports of real runs validate — passed, failed with
 * every kind of expectation, not applicable, interrupted, repeated — and
 * wrong reports do not, so the schema is not one that accepts anything.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario, type ExpectationKind, type RunOptions } from '../runner';
import { JsonReporter, REPORT_SCHEMA_VERSION, ReportFolder, RESULTS_SCHEMA_FILE, type JsonReport } from '.';
import { root, sampleRun, type SampleRun } from './__fixtures__/sample-run';
import schema from './results.schema.json';

function compile(): ValidateFunction {
  return new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
}

describe('results.schema.json', () => {
  let dir: string;
  let validate: ValidateFunction;
  const reports: JsonReport[] = [];

  /** Writes the run with the JSON reporter and reads the file back, as a reader of results.json gets it. */
  const written = (run: SampleRun): JsonReport => {
    const reporter = new JsonReporter({ folder: new ReportFolder({ dir }) });
    reporter.onRunStart(run.start);
    reporter.onRunEnd(run.end);
    return JSON.parse(readFileSync(reporter.file!, 'utf8')) as JsonReport;
  };
  const problems = (report: unknown): string[] =>
    validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lh-schema-'));
    validate = compile();
    reports.push(written(await sampleRun()), written(await sampleRun({ interrupt: true })), written(await sampleRun({ repeat: 2 })));
    // a target whose world cannot be built (a phone that does not answer): the rig's failure is data too
    const unreachable: NonNullable<RunOptions['target']> = {
      name: 'unreachable-phone',
      capabilities: ['virtual-time'],
      open: () => Promise.reject(new Error('[live-harness] Failed to connect to the phone: 127.0.0.1:9420 refused. Start the automator.')),
    };
    const noRig = await runScenario(
      {
        name: 'no rig',
        description: 'The target cannot open a session.',
        setup: { page: 'pages/push/push' },
        duration: '1s',
        expect: { sequence: ['pusher#pusher 1002'] },
      },
      { miniprogramRoot: root, target: unreachable },
    );
    expect(noRig.expectations.map((x) => x.kind)).toEqual(['rig']);
    const base = await sampleRun({ repeat: 1 });
    reports.push(written({ start: { ...base.start, scenarios: [{ scenario: base.start.scenarios[0].scenario }] }, end: { ...base.end, results: [noRig] } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is where RESULTS_SCHEMA_FILE says, for users who validate their reports', () => {
    expect(JSON.parse(readFileSync(RESULTS_SCHEMA_FILE, 'utf8'))).toEqual(schema);
  });

  it('is the version the JSON reporter writes', () => {
    expect(schema.properties.schemaVersion.const).toBe(REPORT_SCHEMA_VERSION);
    for (const r of reports) expect(r.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
  });

  it('accepts the reports of real runs: passed, failed, not applicable, interrupted, repeated', () => {
    for (const r of reports) expect(problems(r)).toEqual([]);
    const statuses = new Set(reports.flatMap((r) => r.scenarios.map((s) => s.status)));
    expect([...statuses].sort()).toEqual(['failed', 'interrupted', 'not-applicable', 'passed']);
    expect(reports.map((r) => r.interrupted)).toEqual([false, true, false, false]);
    expect(reports[1].summary.notRun).toBeGreaterThan(0);
    expect(reports[1].summary.interrupted).toBe(1);
    expect(reports[2].summary.repeats).toEqual([
      expect.objectContaining({ name: 'push page, twice', attempts: 2, passed: 2, flaky: false }),
      expect.objectContaining({ attempts: 2, failed: 2, flaky: false }),
    ]);
  });

  it('has been checked against every kind of expectation result, with the sequence alignment in each state', () => {
    const all = reports.flatMap((r) => r.scenarios.flatMap((s) => s.expectations));
    const kinds: ExpectationKind[] = ['sequence', 'never', 'count', 'every', 'page', 'metric', 'warnings', 'rig', 'run', 'needs'];
    expect([...new Set(all.map((x) => x.kind))].sort()).toEqual([...kinds].sort());
    // An audience's results need real media: results-schema-media.dom.test.ts checks that kind.
    expect(schema.$defs.ExpectationResult.oneOf).toHaveLength(kinds.length + 1);
    const aligned = all.flatMap((x) => (x.kind === 'sequence' ? x.alignment.steps.map((s) => s.status) : []));
    expect([...new Set(aligned)].sort()).toEqual(['matched', 'missing', 'not-reached']);
  });

  it('names every kind of timeline entry the recorder has', () => {
    const source = readFileSync(join(__dirname, '../record/timeline.ts'), 'utf8');
    const union = /export type EntryKind =([\s\S]*?);/.exec(source)?.[1] ?? '';
    const kinds = [...union.matchAll(/\|\s*'([^']+)'/g)].map((m) => m[1]);
    expect(kinds.length).toBeGreaterThan(10);
    // issue 13 (wip/audience) records audiences' joins and leaves as kind 'audience'; once merged, the recorder names it too
    expect([...schema.$defs.EntryKind.enum].sort()).toEqual([...new Set([...kinds, 'audience'])].sort());
  });

  it("accepts a scenario's audiences and audience bounds in issue 13's shape, and rejects them malformed", () => {
    const histogram = (p50: number) => ({ p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 4, min: 1, count: 3, buckets: [{ from: 1, to: 1.04, count: 3 }] });
    const histograms = { latencyMs: histogram(800), firstFrameMs: histogram(900), stallMs: histogram(0), rateKbps: histogram(600) };
    // the shape of wip/audience's AudienceSummary (harness/audience/audience-summary.ts), every optional part present
    const audience = {
      id: '1',
      stream: 'live/anchor',
      protocol: 'http-flv',
      viewers: 20,
      joined: 20,
      left: 0,
      stalledViewers: 2,
      histograms,
      series: [{ t: 1000, joined: 20, p50LatencyMs: 800, p95LatencyMs: 1600, stalled: 0 }],
      groups: [{ name: 'latency 500ms', viewers: 2, joined: 2, left: 0, stalledViewers: 0, histograms }],
      shards: { of: 2, merged: [1, 2] },
    };
    const bound = {
      kind: 'audience',
      path: 'expect.audience[0]',
      pass: true,
      expected: { audience: '1', of: 'latency 500ms', figure: 'latencyMs.p95', max: 2000 },
      observed: { seen: true, value: 1600 },
    };
    const r = JSON.parse(JSON.stringify(reports[0])) as Record<string, any>;
    r.scenarios[0].audience = [audience];
    r.scenarios[0].expectations.push(bound);
    r.scenarios[0].timeline.push({ t: 1000, source: 'audience#1', kind: 'audience', detail: { joined: 20, left: 0, watching: 20 } });
    expect(problems(r)).toEqual([]);
    r.scenarios[0].audience[0].protocol = 'webrtc';
    delete r.scenarios[0].audience[0].histograms.stallMs.buckets;
    r.scenarios[0].expectations.at(-1).observed = { value: 1 };
    expect(problems(r)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/scenarios\/0\/audience\/0\/protocol must be equal to one of the allowed values/),
        expect.stringMatching(/^\/scenarios\/0\/audience\/0\/histograms\/stallMs must have required property 'buckets'/),
        expect.stringMatching(/^\/scenarios\/0\/expectations\/\d+\/observed must have required property 'seen'/),
      ]),
    );
  });

  it('rejects wrong reports, naming where they are wrong', () => {
    const good = reports[0];
    const copy = (): JsonReport & Record<string, unknown> => JSON.parse(JSON.stringify(good)) as JsonReport & Record<string, unknown>;
    const wrong: Array<[string, (r: Record<string, any>) => void, RegExp]> = [
      ['an older version', (r) => (r.schemaVersion = 3), /^\/schemaVersion must be equal to constant/],
      ['a field the shape does not have', (r) => (r.extra = 1), /^ must NOT have additional properties \{"additionalProperty":"extra"\}/],
      ['a scenario without its timeline', (r) => delete r.scenarios[0].timeline, /^\/scenarios\/0 must have required property 'timeline'/],
      ['a status that does not exist', (r) => (r.scenarios[0].status = 'skipped'), /^\/scenarios\/0\/status must be equal to one of the allowed values/],
      [
        'a timeline entry of an unknown kind',
        (r) => (r.scenarios[0].timeline[0].kind = 'telepathy'),
        /^\/scenarios\/0\/timeline\/0\/kind must be equal to one of the allowed values/,
      ],
      [
        'a sequence without its alignment',
        (r) => delete r.scenarios[0].expectations.find((x: { kind: string }) => x.kind === 'sequence').alignment,
        /must have required property 'alignment'/,
      ],
      ['an attempt of 0', (r) => (r.scenarios[0].attempt = 0), /^\/scenarios\/0\/attempt must be >= 1/],
      ['a start time that is not ISO 8601 UTC', (r) => (r.startedAt = 'yesterday'), /^\/startedAt must match pattern/],
      ['a machine without its node version', (r) => delete r.machine.node, /^\/machine must have required property 'node'/],
    ];
    for (const [what, mutate, error] of wrong) {
      const r = copy();
      mutate(r);
      const found = problems(r);
      expect({ what, rejected: found.length > 0 }).toEqual({ what, rejected: true });
      expect(found.some((p) => error.test(p))).toBe(true);
    }
  });
});
