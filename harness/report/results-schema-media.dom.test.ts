/**
 * results.json of a run on real media validates against its schema too:
 * the real clock, what the rig opened (pids, ports, the server), the server's
 * and the fault proxy's entries on the timeline. Two short bundled real-media
 * scenarios on the embedded server (one per jest worker), real ffmpeg, real
 * sockets.
 */
import Ajv2020 from 'ajv/dist/2020';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile, runScenario } from '../runner';
import { JsonReporter, ReportFolder, type JsonReport, type ReportedScenario } from '.';
import schema from './results.schema.json';

const root = join(__dirname, '../../fixtures/miniprogram');
const files = ['media-unknown-host.scenario.ts', 'media-proxy-dns-failure.scenario.ts', 'media-audience.scenario.ts'].map((f) =>
  join(__dirname, '../../scenarios', f),
);

describe('results.schema.json on real media', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'lh-schema-media-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the report of a run on real media', async () => {
    const loaded = files.map((f) => loadScenarioFile(f));
    const reporter = new JsonReporter({ folder: new ReportFolder({ dir }) });
    reporter.onRunStart({ startedAt: new Date(), target: 'simulate', seed: null, miniprogramRoot: root, argv: ['run', '--clock', 'media'], scenarios: loaded });
    const results: ReportedScenario[] = [];
    for (const { scenario, file } of loaded) results.push({ ...(await runScenario(scenario, { miniprogramRoot: root, media: 'local' })), file });
    reporter.onRunEnd({ finishedAt: new Date(), interrupted: false, results });
    const report = JSON.parse(readFileSync(reporter.file!, 'utf8')) as JsonReport;

    const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(report.scenarios.map((s) => [s.clock, s.status])).toEqual([
      ['real', 'passed'],
      ['real', 'passed'],
      ['real', 'passed'],
    ]);
    // what real media adds to a report is there, and was checked by the schema
    expect(report.scenarios.every((s) => s.opened !== undefined)).toBe(true);
    expect(new Set(report.scenarios.flatMap((s) => s.timeline.map((e) => e.source)))).toContain('proxy');
    // an audience (issue 13): its summary, its timeline counts and its expectations, all checked by the schema
    const audience = report.scenarios[2];
    expect(audience.audience?.map((a) => [a.id, a.viewers, a.groups?.map((g) => g.name)])).toEqual([['crowd', 20, ['healthy', '3g']]]);
    expect(audience.timeline.some((e) => e.kind === 'audience')).toBe(true);
    expect(audience.expectations.filter((x) => x.kind === 'audience').length).toBeGreaterThan(3);
  }, 180_000);
});
