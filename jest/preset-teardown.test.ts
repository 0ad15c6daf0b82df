/**
 * The preset's teardown, as a user's jest run meets it: jest runs the fixture
 * project in a child process, and the test watches from the outside what it
 * leaves — processes (by an environment mark every descendant inherits), ports,
 * temp folders (the run gets a TMPDIR of its own). Needs dist/ (npm test builds it).
 */
import { alive, eventually, isEncoder, isServer, marked, portOf, refused, runJest, type JestRun } from './__fixtures__/run-jest';

async function expectNothingLeft(run: JestRun): Promise<void> {
  expect(await eventually(() => marked(run.mark).length === 0, 5000)).toBe(true);
  expect(marked(run.mark)).toEqual([]);
  expect(run.leftTempFolders()).toEqual([]);
}

describe('the preset, on real media', () => {
  it('disposes a forgotten rig and a timed-out one, keeps one server per file at most, and jest exits by itself', async () => {
    const run = runJest(['--runInBand', 'forgets-dispose', 'times-out', 'disposes']);
    try {
      const budget = setTimeout(() => run.child.kill('SIGKILL'), 90_000);
      const { code, signal, ms } = await run.exited;
      clearTimeout(budget);
      const out = run.output();
      console.log(`three real-media files in band: jest exited after ${ms} ms with code ${code}; at most ${run.maxServers()} server(s) at once`);
      expect(signal).toBeNull(); // it ended by itself, not by the budget
      expect(code).toBe(1); // the timed-out test failed
      expect(out).toMatch(/Tests:\s+1 failed, 2 passed, 3 total/);
      expect(out).toContain(
        '[live-harness] Test "the studio goes live and the test forgets to dispose" left a rig open; it was disposed. Hold rigs with `await using` or call rig.dispose().',
      );
      expect(out).toContain(
        '[live-harness] Test "the studio streams for longer than the test may take" timed out with a rig open; it was disposed. Real media runs in real time: give the test more time (a third argument to test(), or testTimeout in the jest config).',
      );
      // The test with no timeout of its own streamed past jest's 5 s default: the preset's default held.
      expect(out).toMatch(/PASS .*disposes\.test\.js/);
      expect(out).not.toContain('Cannot log after tests are done');
      expect(out).not.toContain('did not exit');
      // Three files, each with the shared server: one at a time, never piled up.
      expect(run.maxServers()).toBe(1);
      for (const name of ['forgets', 'times-out', 'disposes']) {
        const seen = run.opened(name);
        expect(seen).toBeDefined();
        if (!seen) continue;
        expect(seen.opened.pids.length).toBeGreaterThanOrEqual(1); // the pusher's encoder at least
        expect(await eventually(() => seen.opened.pids.every((pid) => !alive(pid)), 5000)).toBe(true);
        for (const url of [seen.endpoints.rtmp, seen.endpoints.httpFlv]) expect(await refused(portOf(url))).toBe(true);
      }
      await expectNothingLeft(run);
    } finally {
      run.cleanup();
    }
  }, 120_000);
});

describe('a jest run stopped from outside', () => {
  const cases: Array<[string, { signal: NodeJS.Signals; group: boolean; args: string[] }]> = [
    ['Ctrl-C (SIGINT to the process group), with two workers', { signal: 'SIGINT', group: true, args: ['--maxWorkers=2', 'streams-long'] }],
    ['SIGTERM to jest, in band', { signal: 'SIGTERM', group: false, args: ['--runInBand', 'streams-long.test'] }],
    ['SIGTERM to jest alone, with two workers', { signal: 'SIGTERM', group: false, args: ['--maxWorkers=2', 'streams-long'] }],
    ['SIGKILL to jest, in band', { signal: 'SIGKILL', group: false, args: ['--runInBand', 'streams-long.test'] }],
  ];

  it.each(cases)(
    'leaves no process, port or temp folder after %s',
    async (_title, { signal, group, args }) => {
      const run = runJest(args, {}, { detached: group });
      try {
        const streams = args.includes('--runInBand') ? 1 : 2;
        // Under way: the server(s) and an encoder per streaming file.
        const started = await eventually(() => {
          const ps = marked(run.mark);
          return ps.filter(isServer).length >= streams && ps.filter(isEncoder).length >= streams;
        }, 40_000);
        if (!started) throw new Error(`jest did not get its servers and encoders going within 40 s; it said:\n${run.output()}`);
        const children = marked(run.mark).filter((p) => p.pid !== run.child.pid);
        const t0 = Date.now();
        if (group) process.kill(-(run.child.pid as number), signal);
        else run.child.kill(signal);
        const budget = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
        const { code, signal: by } = await run.exited;
        clearTimeout(budget);
        console.log(`${signal}${group ? ' to the group' : ''}: jest gone after ${Date.now() - t0} ms (code ${code}, signal ${by})`);
        if (signal === 'SIGTERM' && !group && streams === 1) expect(code).toBe(143); // the harness's handler: children killed, then exit
        expect(children.length).toBeGreaterThanOrEqual(2 * streams);
        await expectNothingLeft(run);
        // A process in the middle of exiting has no command line left (so it is no longer "marked") but is
        // not yet a zombie: wait for the end of every child, with the same budget, instead of a snapshot.
        expect(await eventually(() => children.every((p) => !alive(p.pid)), 5000)).toBe(true);
        expect(children.filter((p) => alive(p.pid))).toEqual([]);
      } finally {
        run.cleanup();
      }
    },
    90_000,
  );
});
