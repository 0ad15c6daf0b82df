/**
 * What the preset's test environment adds to jest's own, on the outside of the
 * test file's realm (where `process` is the real one):
 * - the realm's child processes go in this process's registry, whose exit and
 *   signal hooks really fire (a realm's `process` copy never sees them);
 * - as each test ends, the realm's rig guard disposes what the test left open
 *   (after the test's own afterEach hooks, and after a timeout too);
 * - when the file ends, rigs left from beforeAll and the file's shared server
 *   are stopped, and anything still running is killed and named.
 */
import type { Circus } from '@jest/types';
import { relative } from 'node:path';
import { killAll, shareProcessRegistry, terminateAll } from '../harness/media';
import { ENVIRONMENT_MARK, REALM_HOOK, type RealmHook } from './hook';

/** The test's name as jest prints it: describe blocks, then the test. */
export function fullTestName(test: Circus.TestEntry): string {
  const names: string[] = [test.name];
  for (let block = test.parent; block?.parent; block = block.parent) names.unshift(block.name);
  return names.join(' ');
}

function timedOut(test: Circus.TestEntry): boolean {
  return test.errors.some((e) => /^Exceeded timeout of /.test(String(Array.isArray(e) ? e[0] : e)));
}

let leavingWithParent = false;

/**
 * A jest worker whose parent is gone (jest killed, SIGTERM or SIGKILL) would
 * go on running its test, and the test's server and encoders with it: leave
 * at once instead, killing them.
 */
function leaveWithParent(): void {
  if (leavingWithParent || typeof process.send !== 'function') return;
  leavingWithParent = true;
  process.once('disconnect', () => {
    killAll();
    process.exit(0);
  });
}

export class EnvironmentHooks {
  private readonly file: string;

  constructor(
    private readonly realm: object,
    testPath: string,
    rootDir: string,
  ) {
    this.file = relative(rootDir, testPath) || testPath;
    (realm as Record<symbol, unknown>)[ENVIRONMENT_MARK] = true;
    shareProcessRegistry(realm);
    leaveWithParent();
  }

  private get hook(): RealmHook | undefined {
    return (this.realm as Record<symbol, RealmHook | undefined>)[REALM_HOOK];
  }

  async handleTestEvent(event: Circus.Event): Promise<void> {
    const hook = this.hook;
    if (!hook) return;
    try {
      if (event.name === 'test_start') hook.testStarted(fullTestName(event.test));
      else if (event.name === 'test_done')
        tell(await hook.testDone({ name: fullTestName(event.test), failed: event.test.errors.length > 0, timedOut: timedOut(event.test) }));
      else if (event.name === 'run_finish') tell(await hook.fileDone(this.file));
    } catch (e) {
      tell([`[live-harness] Failed to clean up after ${event.name === 'run_finish' ? this.file : 'a test'}: ${e instanceof Error ? e.message : String(e)}.`]);
    }
  }

  /** Last resort, after the realm's own cleanup: no process of the file outlives it. */
  async teardown(): Promise<void> {
    const pids = await terminateAll();
    if (pids.length > 0)
      tell([
        `[live-harness] ${this.file} left ${pids.length === 1 ? 'a process' : `${pids.length} processes`} running (pid ${pids.join(', ')}); stopped now. Stop media servers and sources you start yourself (\`await using\`, or stop()).`,
      ]);
  }
}

/** Straight to stderr: the test's console would add a stack to every line. */
function tell(lines: readonly string[]): void {
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
}
