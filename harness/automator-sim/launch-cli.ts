/**
 * The process `automator.launch({ cliPath })` starts in place of the WeChat
 * DevTools CLI: automator-sim on 127.0.0.1:<--auto-port>, serving the project.
 * It lives as long as the session: Tool.close (the client's close()), SIGTERM,
 * SIGINT, or the death of the process that launched it stop the server, the
 * rig and (real media) the media server, and the process exits: 0, or the
 * signal's code (143 for SIGTERM, 130 for SIGINT). launch() ignores stdio, so nothing here
 * relies on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onInterrupt, stopSharedMediaServer } from '../media';
import { installDom } from '../runner';
import { AutomatorSim } from './automator-sim';
import { parseLaunchArgs } from './launch-args';

/** How often the launched process checks that its parent still lives. */
const PARENT_POLL_MS = 500;

/** project.config.json's miniprogramRoot (relative to the project), or the project itself. */
export function miniprogramRootOf(project: string): string {
  const dir = resolve(project);
  const config = join(dir, 'project.config.json');
  if (existsSync(config)) {
    try {
      const root = (JSON.parse(readFileSync(config, 'utf8')) as { miniprogramRoot?: unknown }).miniprogramRoot;
      if (typeof root === 'string' && root !== '') return resolve(dir, root);
    } catch {
      /* a broken config: DevTools would complain; app.json decides below */
    }
  }
  return dir;
}

export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseLaunchArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const removeDom = installDom();
  let sim: AutomatorSim | undefined;
  let exiting: Promise<void> | undefined;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((r) => (resolveDone = r));
  const parent = process.ppid;
  /** Stop the session; then return from main with `code`, unless a signal's hook asked (the signal handling then exits with its own code). */
  const exit = (code: number, returnFromMain = true): Promise<void> =>
    (exiting ??= (async () => {
      clearInterval(watch);
      for (const step of [() => sim?.stop(), () => (args.clock === 'real-media' ? stopSharedMediaServer() : undefined)]) {
        try {
          await step();
        } catch (e) {
          console.error((e as Error).message);
          code = code || 1;
        }
      }
      removeDom();
      if (returnFromMain) resolveDone(code);
    })());
  // SIGTERM/SIGINT: the one signal handling of the package (harness/media), which also kills any child left
  // (ffmpeg, the media server) and exits with the signal's code once this hook has stopped the session.
  const offInterrupt = onInterrupt(() => exit(0, false));
  // launch() may die without a word (a crashed test run): an orphan is re-parented, so a changed ppid means we are alone.
  const watch = setInterval(() => {
    if (process.ppid !== parent) void exit(0);
  }, PARENT_POLL_MS);
  try {
    sim = await AutomatorSim.start({
      miniprogramRoot: miniprogramRootOf(args.project),
      port: args.port,
      host: '127.0.0.1',
      clock: args.clock,
      seed: args.seed,
      live: args.live,
      // A script that only waits must see the live events come: virtual time follows the wall clock here.
      virtualPace: 'realtime',
      // DevTools keeps running after close(); this process is the session, and must not outlive it.
      onToolClose: () => void exit(0),
    });
  } catch (e) {
    console.error((e as Error).message);
    await exit(1);
  }
  const code = await done;
  offInterrupt();
  return code;
}
