/**
 * The rigs of one test file, seen from inside its realm: which test opened
 * which rig, which are still open when the test ends, and which warnings the
 * mocks raised meanwhile. The preset's test environment calls it as tests
 * start and end (RealmHook); it disposes what a test forgot, and says so.
 */
import { stopSharedMediaServer } from '../harness/media';
import { type Rig, watchRigs } from '../harness/rig';
import type { RealmHook, TestOutcome } from './hook';
import { summarizeWarnings } from './warnings-summary';

export interface RigGuardOptions {
  /** list every test's mock warnings, not only a failed test's (LIVE_HARNESS_VERBOSE=1) */
  readonly verbose?: boolean;
}

const REMEDY = 'Hold rigs with `await using` or call rig.dispose().';

function rigs(n: number): { noun: string; it: string } {
  return n === 1 ? { noun: 'a rig', it: 'it was' } : { noun: `${n} rigs`, it: 'they were' };
}

export class RigGuard implements RealmHook {
  /** rigs not yet disposed, oldest first */
  private readonly open = new Set<Rig>();
  /** rigs opened while the current test ran */
  private readonly ofTest = new Set<Rig>();
  /** each rig in play during the current test, with how many warnings it had when the test started */
  private readonly warningsFrom = new Map<Rig, number>();
  private testRunning = false;
  private readonly unwatch: () => void;

  constructor(private readonly opts: RigGuardOptions = {}) {
    this.unwatch = watchRigs({
      opened: (rig) => {
        this.open.add(rig);
        if (!this.testRunning) return;
        this.ofTest.add(rig);
        this.warningsFrom.set(rig, 0);
      },
      closed: (rig) => this.open.delete(rig),
    });
  }

  testStarted(_name: string): void {
    this.testRunning = true;
    this.ofTest.clear();
    this.warningsFrom.clear();
    // Rigs of the whole file (beforeAll): only what they raise during this test is this test's.
    for (const rig of this.open) this.warningsFrom.set(rig, rig.warnings.length);
  }

  async testDone({ name, failed, timedOut }: TestOutcome): Promise<string[]> {
    const out: string[] = [];
    const left = [...this.ofTest].filter((r) => !r.isDisposed);
    if (left.length > 0) {
      out.push(...(await disposeAll(left, `test "${name}"`)));
      const { noun, it } = rigs(left.length);
      if (timedOut)
        out.push(
          `[live-harness] Test "${name}" timed out with ${noun} open; ${it} disposed. Real media runs in real time: give the test more time (a third argument to test(), or testTimeout in the jest config).`,
        );
      // A test that threw before its dispose() has its failure to show; the rig is no news.
      else if (!failed) out.push(`[live-harness] Test "${name}" left ${noun} open; ${it} disposed. ${REMEDY}`);
    }
    if (failed || this.opts.verbose) {
      const warnings = [...this.warningsFrom].flatMap(([rig, from]) => rig.warnings.slice(from));
      const text = summarizeWarnings(warnings, name);
      if (text) out.push(text);
    }
    this.testRunning = false;
    this.ofTest.clear();
    this.warningsFrom.clear();
    return out;
  }

  async fileDone(file: string): Promise<string[]> {
    const left = [...this.open].filter((r) => !r.isDisposed);
    const out: string[] = [];
    if (left.length > 0) {
      out.push(...(await disposeAll(left, file)));
      const { noun, it } = rigs(left.length);
      out.push(
        `[live-harness] ${file} left ${noun} open after its last test (opened outside a test, e.g. in beforeAll); ${it} disposed. Dispose it in afterAll, or hold it with \`await using\` in the test.`,
      );
    }
    try {
      await stopSharedMediaServer();
    } catch (e) {
      out.push(`[live-harness] Failed to stop the shared media server after ${file}: ${e instanceof Error ? e.message : String(e)}.`);
    }
    this.unwatch();
    return out;
  }
}

/** Newest first, as teardown goes; past errors, each reported. */
async function disposeAll(list: readonly Rig[], owner: string): Promise<string[]> {
  const out: string[] = [];
  for (const rig of [...list].reverse()) {
    try {
      await rig.dispose();
    } catch (e) {
      out.push(`[live-harness] Failed to dispose a rig that ${owner} left open: ${e instanceof Error ? e.message : String(e)}.`);
    }
  }
  return out;
}
