/**
 * What a user's jest run prints, with the preset: quiet when green, a failed
 * test's mock warnings once as a compact list, the real cause of the wrong test
 * environment, and stack frames in files the package ships. Runs jest on the
 * fixture project in a child process; needs dist/ (npm test builds it).
 */
import { runJest } from './__fixtures__/run-jest';

async function jestOutput(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  const run = runJest(args, env);
  try {
    const budget = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
    const { code } = await run.exited;
    clearTimeout(budget);
    return { code, out: run.output() };
  } finally {
    run.cleanup();
  }
}

const GREEN = 'the early page warns, and the test passes';
const RED = 'the early page warns, and the test fails';
const WARNING =
  "  - pusher#pusher: LivePusherContext.start() did nothing: the <live-pusher> does not exist yet: the call came before the page's view (in onLoad?); call it from onReady on. See docs/quirks.md#q4.";

/** The lines of the warning list that names `test`, and how many such lists there are. */
function warningLists(out: string, test: string): { count: number; lines: string[] } {
  const lines = out.split('\n');
  const starts = lines.map((l, i) => (/mock warnings? in "/.test(l) && l.includes(`"${test}"`) ? i : -1)).filter((i) => i >= 0);
  const first = starts[0];
  if (first === undefined) return { count: 0, lines: [] };
  const list = [lines[first]];
  for (let i = first + 1; i < lines.length && lines[i].startsWith('  - '); i++) list.push(lines[i]);
  return { count: starts.length, lines: list };
}

describe('what the preset prints', () => {
  let run: { code: number | null; out: string };

  beforeAll(async () => {
    run = await jestOutput(['warns-green', 'warns-red', 'node-env', 'hooks-dispose']);
  }, 90_000);

  it('prints no warnings for a green test whose page raised some', () => {
    expect(run.out).toMatch(/PASS .*warns-green\.test\.js/);
    expect(warningLists(run.out, GREEN).count).toBe(0);
    expect(run.out).not.toContain('console.warn');
  });

  it("lists a failed test's warnings once, compactly, with the docs link and no stack", () => {
    expect(run.out).toMatch(/FAIL .*warns-red\.test\.js/);
    const { count, lines } = warningLists(run.out, RED);
    expect(count).toBe(1);
    expect(lines).toEqual([`[live-harness] 1 mock warning in "${RED}" (rig.warnings; kind "warning" on the timeline):`, WARNING]);
    // once: the list, and nowhere else
    expect(run.out.split('did nothing: the <live-pusher> does not exist yet').length - 1).toBe(1);
  });

  it('says nothing about rigs that hooks create and dispose (beforeEach/afterEach, beforeAll/afterAll)', () => {
    expect(run.out).toMatch(/PASS .*hooks-dispose\.test\.js/);
    expect(run.out).not.toContain('left a rig open');
    expect(run.out).toMatch(/Tests:\s+2 failed, 3 passed, 5 total/);
  });

  it('carries no internal references such as (Q4)', () => {
    expect(run.out).not.toMatch(/\(Q\d+\)|§/);
  });

  it('says that the node test environment is the cause, and how to fix it', () => {
    expect(run.out).toMatch(/FAIL .*node-env\.test\.js/);
    expect(run.out).toContain(
      "NoDomError: [live-harness] Failed to create the rig: there is no DOM here (window is not defined), and miniprogram-simulate renders pages in jsdom. Use the preset (preset: 'live-harness' in the jest config sets the test environment), or testEnvironment: 'jsdom', or a /** @jest-environment jsdom */ docblock at the top of the test file.",
    );
    expect(run.out).not.toContain('Check its .js/.json/.wxml');
  });

  it('shows stack frames in the built files the package ships, none in its TypeScript sources', () => {
    const frames = run.out.split('\n').filter((l) => /^\s+at .*:\d+:\d+\)?$/.test(l));
    expect(frames.some((f) => /dist\/harness\/rig\/rig\.js:\d+:\d+/.test(f))).toBe(true);
    expect(frames.filter((f) => /\.ts:\d+:\d+/.test(f))).toEqual([]);
    expect(run.code).toBe(1);
  });

  it("lists a green test's warnings too with LIVE_HARNESS_VERBOSE=1", async () => {
    const verbose = await jestOutput(['warns-green'], { LIVE_HARNESS_VERBOSE: '1' });
    expect(verbose.code).toBe(0);
    const { count, lines } = warningLists(verbose.out, GREEN);
    expect(count).toBe(1);
    expect(lines).toEqual([`[live-harness] 1 mock warning in "${GREEN}" (rig.warnings; kind "warning" on the timeline):`, WARNING]);
  }, 60_000);
});
