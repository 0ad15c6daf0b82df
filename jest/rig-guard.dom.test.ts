/**
 * The rig guard on its own, driven as the preset's test environment drives it
 * (testStarted → testDone … → fileDone), with virtual-time rigs.
 */
import { join } from 'node:path';
import { createRig, type Rig } from '../harness/rig';
import { RigGuard } from './rig-guard';
import { summarizeWarnings } from './warnings-summary';

const miniprogramRoot = join(__dirname, '../fixtures/miniprogram');
const Q4 =
  "pusher#pusher: LivePusherContext.start() did nothing: the <live-pusher> does not exist yet: the call came before the page's view (in onLoad?); call it from onReady on. See docs/quirks.md#q4.";

async function warnedRig(): Promise<Rig> {
  const rig = createRig({ seed: 1, miniprogramRoot });
  await rig.loadPage('pages/early/early'); // one warning: a context made in onLoad
  return rig;
}

describe('RigGuard', () => {
  const guards: RigGuard[] = [];
  const guard = (verbose = false): RigGuard => {
    const g = new RigGuard({ verbose });
    guards.push(g);
    return g;
  };
  afterEach(async () => {
    for (const g of guards.splice(0)) await g.fileDone('cleanup');
  });

  it('disposes a rig a passing test left open, and says so naming the test', async () => {
    const g = guard();
    g.testStarted('t');
    const rig = createRig({ seed: 1 });
    expect(await g.testDone({ name: 'pushes', failed: false, timedOut: false })).toEqual([
      '[live-harness] Test "pushes" left a rig open; it was disposed. Hold rigs with `await using` or call rig.dispose().',
    ]);
    expect(rig.isDisposed).toBe(true);
  });

  it('says nothing about a rig the test disposed itself, nor about a green test with warnings', async () => {
    const g = guard();
    g.testStarted('t');
    const rig = await warnedRig();
    await rig.dispose();
    expect(rig.warnings).toHaveLength(1);
    expect(await g.testDone({ name: 'quiet', failed: false, timedOut: false })).toEqual([]);
  });

  it('counts several rigs, newest disposed first', async () => {
    const g = guard();
    g.testStarted('t');
    const order: number[] = [];
    const rigs = [createRig({ seed: 1 }), createRig({ seed: 2 })];
    rigs.forEach((r, i) => {
      const dispose = r.dispose.bind(r);
      r.dispose = async () => {
        order.push(i);
        await dispose();
      };
    });
    expect(await g.testDone({ name: 'two', failed: false, timedOut: false })).toEqual([
      '[live-harness] Test "two" left 2 rigs open; they were disposed. Hold rigs with `await using` or call rig.dispose().',
    ]);
    expect(order).toEqual([1, 0]);
  });

  it("disposes a failed test's rig without blaming it, and lists the test's warnings", async () => {
    const g = guard();
    g.testStarted('t');
    const rig = await warnedRig();
    expect(await g.testDone({ name: 'fails', failed: true, timedOut: false })).toEqual([
      `[live-harness] 1 mock warning in "fails" (rig.warnings; kind "warning" on the timeline):\n  - ${Q4}`,
    ]);
    expect(rig.isDisposed).toBe(true);
  });

  it('names a timed-out test and the remedy', async () => {
    const g = guard();
    g.testStarted('t');
    const rig = createRig({ seed: 1 });
    expect(await g.testDone({ name: 'slow', failed: true, timedOut: true })).toEqual([
      '[live-harness] Test "slow" timed out with a rig open; it was disposed. Real media runs in real time: give the test more time (a third argument to test(), or testTimeout in the jest config).',
    ]);
    expect(rig.isDisposed).toBe(true);
  });

  it("lists a passing test's warnings when verbose", async () => {
    const g = guard(true);
    g.testStarted('t');
    const rig = await warnedRig();
    await rig.dispose();
    expect(await g.testDone({ name: 'verbose', failed: false, timedOut: false })).toEqual([
      `[live-harness] 1 mock warning in "verbose" (rig.warnings; kind "warning" on the timeline):\n  - ${Q4}`,
    ]);
  });

  it("keeps a file's rig (beforeAll) across tests, gives each test only its own warnings, and disposes it when the file ends", async () => {
    const g = guard(true);
    const shared = await warnedRig(); // opened outside any test
    g.testStarted('first');
    expect(await g.testDone({ name: 'first', failed: false, timedOut: false })).toEqual([]); // its warning came before the test
    expect(shared.isDisposed).toBe(false);
    g.testStarted('second');
    const page = shared.currentPage;
    if (!page) throw new Error('the early page is loaded');
    await page.setData({ pushUrl: 'http://not-rtmp/live' }); // a url the pusher cannot push to: a warning during this test
    const [list] = await g.testDone({ name: 'second', failed: true, timedOut: false });
    expect(list.split('\n')).toEqual([
      '[live-harness] 1 mock warning in "second" (rig.warnings; kind "warning" on the timeline):',
      expect.stringMatching(/^ {2}- pusher#pusher: <live-pusher id="pusher"> url="http:\/\/not-rtmp\/live" /),
    ]);
    expect(shared.isDisposed).toBe(false);
    expect(await g.fileDone('push.test.js')).toEqual([
      '[live-harness] push.test.js left a rig open after its last test (opened outside a test, e.g. in beforeAll); it was disposed. Dispose it in afterAll, or hold it with `await using` in the test.',
    ]);
    expect(shared.isDisposed).toBe(true);
  });
});

describe('summarizeWarnings', () => {
  it('gives each distinct message once with its count, without the repeated prefix', () => {
    expect(summarizeWarnings(['pusher#p: [live-harness] a', 'pusher#p: [live-harness] a', 'player#q: [live-harness] b'], 'x')).toBe(
      '[live-harness] 3 mock warnings in "x" (rig.warnings; kind "warning" on the timeline):\n  - pusher#p: a (×2)\n  - player#q: b',
    );
    expect(summarizeWarnings([], 'x')).toBeUndefined();
  });
});
