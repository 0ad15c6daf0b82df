/**
 * results.json as a reader meets it: the versioned schema, the run's fields,
 * and each scenario's expectations as data, from a real run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario, type Scenario } from '../runner';
import { JsonReporter, REPORT_SCHEMA_VERSION, ReportFolder, type JsonReport, type ReportedScenario } from '.';

const root = join(__dirname, '../../fixtures/miniprogram');

const pushes: Scenario = {
  name: 'the push page pushes, and is expected to give up',
  description: 'The push page pushes on a good network; the scenario wrongly expects -1307.',
  setup: { page: 'pages/push/push' },
  duration: '4s',
  expect: { sequence: ['pusher#pusher 1001', 'pusher#pusher 1002', -1307], never: [-1307] },
};
const RUN_ID = '2025-01-02T03-04-05-678Z-0a1b2c3d4e5f';
const onMedia: Scenario = { ...pushes, name: 'on real media', needs: ['real-media'] };

describe('JsonReporter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lh-json-report-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the run, versioned, with every expectation of every scenario as data', async () => {
    const written: string[] = [];
    const reporter = new JsonReporter({ folder: new ReportFolder({ dir }), onWritten: (f) => written.push(f) });
    const startedAt = new Date('2025-01-02T03:04:05.678Z');
    reporter.onRunStart({
      runId: RUN_ID,
      startedAt,
      argv: ['run', '--seed', '7'],
      target: 'simulate',
      seed: 7,
      miniprogramRoot: root,
      scenarios: [{ scenario: pushes }, { scenario: onMedia }],
    });
    const results: ReportedScenario[] = [
      { ...(await runScenario(pushes, { miniprogramRoot: root, seed: 7 })), file: '/x/pushes.scenario.ts' },
      await runScenario(onMedia, { miniprogramRoot: root }),
    ];
    reporter.onRunEnd({ finishedAt: new Date('2025-01-02T03:04:06Z'), interrupted: false, results });

    const file = join(dir, RUN_ID, 'results.json');
    expect(readdirSync(dir).sort()).toEqual([RUN_ID, 'latest']);
    expect(written).toEqual([file]);
    expect(reporter.file).toBe(file);
    const json = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
    expect(REPORT_SCHEMA_VERSION).toBe(4);
    expect(json).toMatchObject({
      schemaVersion: 4,
      runId: RUN_ID,
      argv: ['run', '--seed', '7'],
      repeat: 1,
      machine: { os: process.platform, node: process.version },
      startedAt: '2025-01-02T03:04:05.678Z',
      finishedAt: '2025-01-02T03:04:06.000Z',
      interrupted: false,
      target: 'simulate',
      seed: 7,
      miniprogramRoot: root,
      summary: { passed: 0, failed: 1, notApplicable: 1, interrupted: 0, notRun: 0 },
    });
    const [failed, na] = json.scenarios;
    expect(failed).toMatchObject({ name: pushes.name, file: '/x/pushes.scenario.ts', status: 'failed', clock: 'virtual' });
    expect(failed.timeline.length).toBeGreaterThan(10);
    // the expectations, as a reader of the file gets them: kinds, paths, and the sequence's alignment
    expect(failed.expectations.map((x) => [x.kind, x.path, x.pass])).toEqual([
      ['sequence', 'expect.sequence', false],
      ['never', 'expect.never[0]', true],
    ]);
    const seq = failed.expectations[0];
    if (seq.kind !== 'sequence') throw new Error('the first expectation is not the sequence');
    expect(seq.alignment.steps.map((s) => s.status)).toEqual(['matched', 'matched', 'missing']);
    expect(seq.alignment.steps[2]).toMatchObject({ status: 'missing', afterStep: 2, nearMisses: [], seenEarlier: [] });
    expect(seq.alignment.steps[1]).toMatchObject({ match: { entry: { source: 'pusher#pusher', code: 1002 } } });
    expect(failed.failures).toEqual([expect.stringMatching(/^sequence not observed:\nExpected sequence — not observed:\n/)]);
    expect(json.scenarios[0]).toEqual(JSON.parse(JSON.stringify({ ...results[0], attempt: 1, repeat: 1 })));
    expect(na).toMatchObject({ name: 'on real media', status: 'not-applicable', expectations: [{ kind: 'needs', observed: { missing: ['real-media'] } }] });
    expect(na.file).toBeUndefined();
  });

  it('refuses to write a run that never started', () => {
    const reporter = new JsonReporter({ folder: new ReportFolder({ dir }) });
    expect(() => reporter.onRunEnd({ finishedAt: new Date(), interrupted: true, results: [] })).toThrow(
      '[live-harness] Failed to write results.json: the run ended before it started. Call onRunStart before onRunEnd.',
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
