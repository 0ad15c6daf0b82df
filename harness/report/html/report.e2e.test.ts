/**
 * The HTML report in a real Chromium: the bundled virtual scenarios and a
 * deliberately broken one run in-process, HtmlReporter writes their report,
 * and the page is opened from its folder over file:// — no server, as a
 * reader opens it. Every check compares what the page drew with the data it
 * carries. Screenshots go to reports/e2e-screenshots/ for people to look at.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../../browser';
import type { TimelineEntry } from '../../record';
import { installDom, loadScenarios, runScenario, type Scenario } from '../../runner';
import type { ReportedScenario, RunStart } from '../reporter';
import { HtmlReporter } from './html-reporter';

const repo = resolve(__dirname, '../../..');
const miniprogramRoot = join(repo, 'fixtures/miniprogram');
const reportDir = join(repo, 'reports/e2e-report');
const shots = join(repo, 'reports/e2e-screenshots');
const BROKEN = 'deliberately broken: the player is expected to recover from a cut that never ends';
const BLIP = 'push survives a short network loss';

let browser: LaunchedBrowser;
let page: Page;
let results: ReportedScenario[];
let indexHtml: string;
const pageErrors: string[] = [];

/** The index of a scenario in the data (and in the page's anchors, `#s<index>`). */
const indexOf = (name: string): number => {
  const i = results.findIndex((r) => r.name === name);
  if (i < 0) throw new Error(`no scenario named ${name} in the run`);
  return i;
};

const countBy = <T>(items: readonly T[], key: (t: T) => string): Record<string, number> =>
  items.reduce<Record<string, number>>((acc, t) => ({ ...acc, [key(t)]: (acc[key(t)] ?? 0) + 1 }), {});

async function open(hash = ''): Promise<void> {
  await page.goto(pathToFileURL(indexHtml).href + hash);
  await page.waitForSelector('body[data-ready="true"]');
}

/** Opens a scenario's section and waits for its charts. */
async function openScenario(si: number): Promise<void> {
  await page.evaluate((i) => {
    const d = document.getElementById(`s${i}`) as HTMLDetailsElement;
    d.open = true;
  }, si);
  await page.waitForSelector(`#s${si} .timeline`);
  await page.waitForFunction((i) => [...document.querySelectorAll(`#s${i} .chart`)].every((c) => c.querySelector('canvas')), si);
}

beforeAll(async () => {
  const bundled = loadScenarios(join(repo, 'scenarios'));
  const broken = loadScenarios(join(repo, 'fixtures/broken-scenarios'));
  const all = [...bundled, ...broken];
  const start: RunStart = { startedAt: new Date(), target: 'simulate', seed: null, miniprogramRoot, scenarios: all };
  const reporter = new HtmlReporter({ folder: reportDir });
  rmSync(reportDir, { recursive: true, force: true });
  await reporter.onRunStart(start);
  results = [];
  // The bundled real-media scenarios are reported not applicable here (this run offers virtual time only).
  const uninstall = installDom();
  // trtc-wx-sdk logs every call it makes; the scenarios' own results say what happened.
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    for (const { file, scenario } of all) results.push({ ...(await runScenario(scenario as Scenario, { miniprogramRoot })), file });
  } finally {
    quiet.mockRestore();
    uninstall();
  }
  await reporter.onRunEnd({ finishedAt: new Date(), interrupted: false, results });
  indexHtml = reporter.file!;
  mkdirSync(shots, { recursive: true });
  browser = await launchBrowser();
  page = await browser.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await open();
}, 180_000);

afterAll(async () => {
  await browser?.stop();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe('the HTML report in Chromium', () => {
  it('ran what it reports: passing, failing and not-applicable scenarios', () => {
    const statuses = countBy(results, (r) => r.status);
    expect(statuses.failed).toBeGreaterThanOrEqual(1);
    expect(statuses.passed).toBeGreaterThanOrEqual(18);
    expect(statuses['not-applicable']).toBeGreaterThanOrEqual(1);
    expect(results[indexOf(BROKEN)]!.status).toBe('failed');
  });

  it('shows the run summary counts of the data', async () => {
    const counts = countBy(results, (r) => r.status);
    const shown = async (key: string): Promise<number> => Number(await page.textContent(`[data-count="${key}"] .value`));
    expect(await shown('passed')).toBe(counts.passed ?? 0);
    expect(await shown('failed')).toBe(counts.failed ?? 0);
    expect(await shown('not-applicable')).toBe(counts['not-applicable'] ?? 0);
    expect(await shown('not-run')).toBe(0);
    expect(await page.textContent('[data-fact="target"]')).toBe('simulate');
    expect(await page.textContent('[data-fact="interrupted"]')).toBe('no');
    expect(await page.locator('details.scenario').count()).toBe(results.length);
    // failed scenarios come first, open
    expect(await page.getAttribute('details.scenario >> nth=0', 'data-status')).toBe('failed');
    expect(await page.locator('details.scenario[open]').count()).toBe(counts.failed);
    await page.locator('#summary').screenshot({ path: join(shots, 'summary.png') });
  });

  it('draws one lane per participant with a mark for each of its entries, and the faults shaded on every lane', async () => {
    for (const name of [BROKEN, BLIP]) {
      const si = indexOf(name);
      await openScenario(si);
      const timeline = results[si]!.timeline;
      const expected = countBy(timeline, (e) => e.source);
      const lanes = await page.$$eval(`#s${si} .lane[data-source]`, (nodes) =>
        nodes.map((n) => ({ source: n.getAttribute('data-source')!, marks: n.querySelectorAll('.mark').length, faults: n.querySelectorAll('.fault').length })),
      );
      expect(Object.fromEntries(lanes.map((l) => [l.source, l.marks]))).toEqual(expected);
      const faults = timeline.filter((e) => e.kind === 'action' && ['cut', 'stall', 'reset'].includes(String((e.detail as { action?: string }).action)));
      expect(faults.length).toBeGreaterThan(0);
      for (const lane of lanes) expect(lane.faults).toBe(faults.length);
      // a code is named on its mark
      const coded = timeline.findIndex((e) => e.code === 2103);
      if (coded >= 0) expect(await page.getAttribute(`#s${si} .mark[data-entry="${coded}"]`, 'title')).toContain('2103 PLAY_WARNING_RECONNECT');
    }
    await page.locator(`#s${indexOf(BROKEN)} .timeline`).screenshot({ path: join(shots, 'timeline-broken.png') });
    await page.locator(`#s${indexOf(BLIP)} .timeline`).screenshot({ path: join(shots, 'timeline-push-network-blip.png') });
  });

  it('draws the latency, bitrate and fps charts with uPlot, one series per participant with samples, and pixels on them', async () => {
    const si = indexOf('a stall shows loading, then playback resumes');
    await openScenario(si);
    const timeline = results[si]!.timeline;
    const info = (e: TimelineEntry) => (e.detail as { info?: Record<string, number> } | undefined)?.info;
    const sources = (pick: (e: TimelineEntry) => boolean) => new Set(timeline.filter(pick).map((e) => e.source)).size;
    const expected: Record<string, number> = {
      latency: sources((e) => e.kind === 'metric' && (e.detail as { name?: string }).name === 'latency'),
      'video-bitrate': sources((e) => e.kind === 'netstatus' && typeof info(e)?.videoBitrate === 'number'),
      'audio-bitrate': sources((e) => e.kind === 'netstatus' && typeof info(e)?.audioBitrate === 'number'),
      fps: sources((e) => e.kind === 'netstatus' && typeof info(e)?.videoFPS === 'number'),
    };
    expect(expected.latency).toBeGreaterThan(0);
    const charts = await page.$$eval(`#s${si} .chart`, (nodes) =>
      nodes.map((n) => {
        const canvas = n.querySelector('canvas')!;
        const ctx = canvas.getContext('2d')!;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        // pixels that are drawn (not transparent) and not white-ish grid background
        let inked = 0;
        for (let p = 0; p < data.length; p += 4) if (data[p + 3]! > 0 && (data[p]! < 200 || data[p + 1]! < 200 || data[p + 2]! < 200)) inked++;
        return {
          key: n.getAttribute('data-chart')!,
          series: Number(n.getAttribute('data-series')),
          legend: n.querySelectorAll('.u-legend .u-series').length - 1,
          width: canvas.width,
          height: canvas.height,
          inked,
        };
      }),
    );
    expect(Object.fromEntries(charts.map((c) => [c.key, c.series]))).toEqual(Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)));
    for (const c of charts) {
      expect(c.legend).toBe(c.series);
      expect(c.width).toBeGreaterThan(100);
      expect(c.height).toBeGreaterThan(100);
      expect(c.inked).toBeGreaterThan(500);
    }
    await page.locator(`#s${si} .charts`).screenshot({ path: join(shots, 'charts-play-stall.png') });
  });

  it("shows the failed scenario's expected sequence against what was observed, with the missing step marked", async () => {
    const si = indexOf(BROKEN);
    const seq = results[si]!.expectations.find((x) => x.kind === 'sequence' && !x.pass);
    if (seq?.kind !== 'sequence') throw new Error('the broken scenario has no failed sequence');
    const rows = await page.$$eval(`#s${si} table.aligned tbody tr`, (trs) =>
      trs.map((tr) => ({ status: tr.getAttribute('data-step-status'), text: tr.textContent ?? '' })),
    );
    expect(rows.map((r) => r.status)).toEqual(seq.alignment.steps.map((s) => s.status));
    const missing = rows.find((r) => r.status === 'missing')!;
    expect(missing.text).toContain('player#player 2004 within 10s');
    expect(missing.text).toContain('missing');
    expect(rows[0]!.text).toContain('2004 PLAY_EVT_PLAY_BEGIN');
    await page.locator(`#s${si} .problems`).screenshot({ path: join(shots, 'failure-diff.png') });
  });

  it('hides and shows scenarios by status, and lanes, chart series and events by participant', async () => {
    const passed = results.filter((r) => r.status === 'passed').length;
    const visible = (selector: string) => page.locator(selector).filter({ visible: true }).count();
    expect(await visible('details.status-passed')).toBe(passed);
    await page.uncheck('input[data-filter-status="passed"]');
    expect(await visible('details.status-passed')).toBe(0);
    expect(await visible('details.status-failed')).toBeGreaterThan(0);
    await page.check('input[data-filter-status="passed"]');
    expect(await visible('details.status-passed')).toBe(passed);

    const si = indexOf(BROKEN);
    const pageEntries = results[si]!.timeline.filter((e) => e.source === 'page').length;
    expect(pageEntries).toBeGreaterThan(0);
    await page.uncheck('input[data-filter-source="page"]');
    expect(await visible(`#s${si} .lane[data-source="page"]`)).toBe(0);
    expect(await visible(`#s${si} .lane[data-source="player#player"]`)).toBe(1);
    await page.uncheck('input[data-filter-source="player#player"]');
    const shown = await page.$$eval(`#s${si} .chart`, (nodes) => nodes.map((n) => n.querySelectorAll('.u-legend .u-series.u-off').length));
    expect(shown.every((off) => off === 1)).toBe(true);
    await page.check('input[data-filter-source="player#player"]');
    await page.check('input[data-filter-source="page"]');
    expect(await visible(`#s${si} .lane[data-source="page"]`)).toBe(1);
    expect(await page.$$eval(`#s${si} .u-legend .u-series.u-off`, (n) => n.length)).toBe(0);
  });

  it("opens an event's detail from its mark, with the full entry as JSON and its anchor in the URL", async () => {
    const si = indexOf(BROKEN);
    const timeline = results[si]!.timeline;
    const i = timeline.findIndex((e) => e.code === -2301);
    expect(i).toBeGreaterThan(0);
    await page.click(`#s${si} .mark[data-entry="${i}"]`);
    await page.waitForSelector(`#s${si}-e${i}-detail`);
    expect(new URL(page.url()).hash).toBe(`#s${si}-e${i}`);
    expect(JSON.parse((await page.textContent(`#s${si}-e${i}-detail pre`))!)).toEqual(timeline[i]);
    expect(await page.getAttribute(`#s${si}-e${i}`, 'class')).toContain('selected');
    await page.locator(`#s${si} .events`).screenshot({ path: join(shots, 'event-detail.png') });
  });

  it('opens a closed scenario at the entry its URL names', async () => {
    const si = indexOf(BLIP);
    const i = results[si]!.timeline.length - 1;
    await open(`#s${si}-e${i}`);
    expect(await page.evaluate((n) => (document.getElementById(`s${n}`) as HTMLDetailsElement).open, si)).toBe(true);
    expect(JSON.parse((await page.textContent(`#s${si}-e${i}-detail pre`))!)).toEqual(results[si]!.timeline[i]);
    await page.screenshot({ path: join(shots, 'page.png'), fullPage: false });
  });
});
