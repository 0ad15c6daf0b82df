/**
 * The report folder: run ids that never collide and sort by time, the
 * `latest` pointer replaced whole, and pruning that only ever removes old run
 * folders this tool made.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunFolderName, newRunId, ReportError, ReportFolder } from '.';

describe('ReportFolder', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lh-report-folder-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes run ids that sort by start time and differ within one millisecond', () => {
    const at = new Date('2026-11-26T04:21:18.123Z');
    const ids = Array.from({ length: 1000 }, () => newRunId(at));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^2026-11-26T04-21-18-123Z-[0-9a-f]{12}$/);
    const later = newRunId(new Date('2026-11-26T04:21:18.124Z'));
    const nextDay = newRunId(new Date('2026-11-27T00:00:00.000Z'));
    expect([nextDay, later, ids[0]].sort()).toEqual([ids[0], later, nextDay]);
    expect(ids.every(isRunFolderName)).toBe(true);
  });

  it('gives runs started together their own folders', () => {
    const folders = Array.from({ length: 50 }, () => new ReportFolder({ dir, keep: 100 }));
    const dirs = folders.map((f) => f.start());
    expect(new Set(dirs).size).toBe(50);
    expect(readdirSync(dir).filter(isRunFolderName)).toHaveLength(50);
  });

  it('refuses a run id already used instead of sharing its folder', () => {
    const id = newRunId();
    new ReportFolder({ dir }).start(id);
    expect(() => new ReportFolder({ dir }).start(id)).toThrow(ReportError);
    expect(() => new ReportFolder({ dir }).start(id)).toThrow(`[live-harness] Failed to start the report folder: ${join(dir, id)} already exists.`);
    expect(() => new ReportFolder({ dir }).start('../elsewhere')).toThrow('"../elsewhere" is not a run id. Make one with newRunId().');
  });

  it('is started once per run: every reporter gets the same folder', () => {
    const folder = new ReportFolder({ dir });
    expect(() => folder.runDir).toThrow('Call start() first.');
    const id = newRunId();
    const runDir = folder.start(id);
    expect(runDir).toBe(join(dir, id));
    expect(folder.start()).toBe(runDir);
    expect(folder.start(id)).toBe(runDir);
    expect(folder.file('junit.xml')).toBe(join(runDir, 'junit.xml'));
    expect(() => folder.start(newRunId())).toThrow('Use one ReportFolder per run.');
  });

  it('points latest at the newest run, replacing the pointer whole', () => {
    const a = new ReportFolder({ dir });
    a.start();
    expect(readlinkSync(join(dir, 'latest'))).toBe(a.runId);
    writeFileSync(join(a.runDir, 'results.json'), '{}');
    expect(readFileSync(join(dir, 'latest', 'results.json'), 'utf8')).toBe('{}');
    const b = new ReportFolder({ dir });
    b.start();
    expect(readlinkSync(join(dir, 'latest'))).toBe(b.runId);
    // no temporary pointer left behind
    expect(readdirSync(dir).sort()).toEqual([a.runId, b.runId, 'latest'].sort());
  });

  it('replaces a latest text file (from a file system without symlinks) and refuses to replace a real folder', () => {
    writeFileSync(join(dir, 'latest'), 'an-old-run\n');
    const a = new ReportFolder({ dir });
    a.start();
    expect(lstatSync(join(dir, 'latest')).isSymbolicLink()).toBe(true);
    rmSync(join(dir, 'latest'));
    mkdirSync(join(dir, 'latest'));
    expect(() => new ReportFolder({ dir }).start()).toThrow(/Failed to point .*latest at run .*: it is a folder, not a pointer this tool wrote. Move it away./);
  });

  it('writes latest as a text file holding the run id when asked, replacing a symlink, and back', () => {
    const a = new ReportFolder({ dir, latest: 'file' });
    a.start();
    expect(lstatSync(join(dir, 'latest')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'latest'), 'utf8')).toBe(`${a.runId}\n`);
    const b = new ReportFolder({ dir });
    b.start();
    expect(readlinkSync(join(dir, 'latest'))).toBe(b.runId);
    const c = new ReportFolder({ dir, latest: 'file' });
    c.start();
    expect(readFileSync(join(dir, 'latest'), 'utf8')).toBe(`${c.runId}\n`);
    expect(readdirSync(dir).sort()).toEqual([a.runId, b.runId, c.runId, 'latest'].sort());
  });

  it('prunes the oldest run folders beyond keep, never the current run, never what it did not make', () => {
    const old = [
      '2020-01-01T00-00-00-000Z-000000000001',
      '2020-01-02T00-00-00-000Z-000000000002',
      '2021-06-01T10-00-00-000Z',
      '2022-01-01T00-00-00-000Z-000000000003',
    ];
    for (const name of old) mkdirSync(join(dir, name));
    const theirs = ['notes', '2020-01-01', 'screenshots', '2019-01-01T00-00-00-000Z-0000zzzzzzzz'];
    for (const name of theirs) mkdirSync(join(dir, name));
    writeFileSync(join(dir, '2018-01-01T00-00-00-000Z-000000000000'), 'a file, not a run folder');
    // the current run sorts before the old ones (a machine with its clock behind): it is still kept
    const folder = new ReportFolder({ dir, keep: 3 });
    folder.start('2000-01-01T00-00-00-000Z-00000000000a');
    expect(folder.pruned).toEqual(old.slice(0, 2));
    expect(readdirSync(dir).sort()).toEqual(
      ['2000-01-01T00-00-00-000Z-00000000000a', ...old.slice(2), ...theirs, '2018-01-01T00-00-00-000Z-000000000000', 'latest'].sort(),
    );
    const one = new ReportFolder({ dir, keep: 1 });
    one.start();
    expect(readdirSync(dir).filter(isRunFolderName)).toEqual(['2018-01-01T00-00-00-000Z-000000000000', one.runId]);
  });

  it('refuses a keep that is not a whole number of runs', () => {
    expect(() => new ReportFolder({ dir, keep: 0 })).toThrow(
      '[live-harness] Failed to set up the report folder: keep is 0. Give a whole number of runs to keep, 1 or more.',
    );
    expect(() => new ReportFolder({ dir, keep: 2.5 })).toThrow('keep is 2.5');
    expect(new ReportFolder({ dir }).keep).toBe(10);
  });
});
