/**
 * Where a run's reports go: `reports/<run-id>/` (results.json, junit.xml,
 * index.html + assets/), `reports/latest` pointing at the newest run, and no
 * more than `keep` run folders left behind.
 *
 * Run ids sort by time (an ISO-like UTC stamp) and end in a random suffix, so
 * two runs started in the same millisecond (a CI matrix on one host, two
 * terminals) still get two folders; the folder is created exclusively, so a
 * collision is an error and never a shared folder.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ReportError } from './report-error';

export interface ReportFolderOptions {
  /** the folder of all runs; default `reports` (relative to the current folder) */
  readonly dir?: string;
  /** how many run folders to keep, the current one included; default 10 */
  readonly keep?: number;
  /**
   * What `latest` is: a symlink to the run folder (default; a text file where
   * the file system refuses symlinks), or always a text file holding the run
   * id (for tools that copy or upload `reports/` and mishandle symlinks).
   */
  readonly latest?: 'symlink' | 'file';
}

export const DEFAULT_KEEP = 10;

/** `2026-11-26T04-21-18-123Z-1a2b3c4d5e6f`: the start time in UTC, then 12 random hex digits (48 bits: a collision within one millisecond is a one-in-10^14 event). */
export function newRunId(at: Date = new Date()): string {
  return `${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(6).toString('hex')}`;
}

const RUN_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[0-9a-f]{12}$/;
/** Folders of reports written before run ids had a suffix (the start time alone). */
const OLD_RUN_FOLDER = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

/** A name this folder made for a run: only these are ever pruned. */
export function isRunFolderName(name: string): boolean {
  return RUN_ID.test(name) || OLD_RUN_FOLDER.test(name);
}

export class ReportFolder {
  /** the folder of all runs, absolute */
  readonly dir: string;
  readonly keep: number;
  private readonly latest: 'symlink' | 'file';
  private current: string | undefined;
  /** run folders this start() removed (oldest first) */
  pruned: readonly string[] = [];

  constructor(options: ReportFolderOptions = {}) {
    const keep = options.keep ?? DEFAULT_KEEP;
    if (!Number.isInteger(keep) || keep < 1)
      throw new ReportError(`[live-harness] Failed to set up the report folder: keep is ${String(keep)}. Give a whole number of runs to keep, 1 or more.`);
    this.dir = resolve(options.dir ?? 'reports');
    this.keep = keep;
    this.latest = options.latest ?? 'symlink';
  }

  /** the current run's id; throws before start() */
  get runId(): string {
    if (this.current === undefined)
      throw new ReportError('[live-harness] Failed to find the run folder: the report folder has not started. Call start() first.');
    return this.current;
  }

  /** `<dir>/<run-id>`, absolute; throws before start() */
  get runDir(): string {
    return join(this.dir, this.runId);
  }

  /** true once start() made the run's folder */
  get started(): boolean {
    return this.current !== undefined;
  }

  /** the path of a file in the run's folder */
  file(name: string): string {
    return join(this.runDir, name);
  }

  /**
   * Makes `<dir>/<run-id>/`, points `<dir>/latest` at it, and prunes the
   * oldest run folders beyond `keep`. Every reporter of a run may call it:
   * once started, a call with no id or the same id returns the same folder.
   */
  start(runId?: string): string {
    if (this.current !== undefined) {
      if (runId === undefined || runId === this.current) return this.runDir;
      throw new ReportError(
        `[live-harness] Failed to start the report folder for run ${runId}: it already holds run ${this.current}. Use one ReportFolder per run.`,
      );
    }
    if (runId !== undefined && !isRunFolderName(runId))
      throw new ReportError(`[live-harness] Failed to start the report folder: "${runId}" is not a run id. Make one with newRunId().`);
    mkdirSync(this.dir, { recursive: true });
    const id = runId ?? newRunId();
    try {
      mkdirSync(join(this.dir, id)); // exclusive: a second run with the same id fails here instead of sharing the folder
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new ReportError(`[live-harness] Failed to start the report folder: ${join(this.dir, id)} already exists. Give each run its own id (newRunId()).`);
      throw e;
    }
    this.current = id;
    this.pointLatest(id);
    this.pruned = this.prune(id);
    return this.runDir;
  }

  /** Nothing stays open between start() and the end of a run; here for the lifecycle's shape. */
  stop(): void {}

  /**
   * `latest` is replaced in one rename, so a reader sees the old run or the
   * new one, never a missing or half-written pointer. A symlink where the
   * file system allows one; otherwise a text file holding the run id.
   */
  private pointLatest(id: string): void {
    const latest = join(this.dir, 'latest');
    let existing: import('node:fs').Stats | undefined;
    try {
      existing = lstatSync(latest);
    } catch {
      existing = undefined;
    }
    if (existing?.isDirectory())
      throw new ReportError(`[live-harness] Failed to point ${latest} at run ${id}: it is a folder, not a pointer this tool wrote. Move it away.`);
    const tmp = join(this.dir, `.latest-${id}`);
    let linked = false;
    if (this.latest === 'symlink')
      try {
        symlinkSync(id, tmp, 'dir');
        linked = true;
      } catch {
        linked = false;
      }
    if (!linked) writeFileSync(tmp, `${id}\n`);
    renameSync(tmp, latest);
  }

  private prune(currentId: string): string[] {
    const runs = readdirSync(this.dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && isRunFolderName(d.name) && d.name !== currentId)
      .map((d) => d.name)
      .sort();
    const excess = runs.length - (this.keep - 1);
    if (excess <= 0) return [];
    const gone = runs.slice(0, excess);
    for (const name of gone) rmSync(join(this.dir, name), { recursive: true, force: true });
    return gone;
  }
}
