/**
 * `live-harness run`: finds the project and its scenarios, selects (grep,
 * shard), plays each (repeat, bail), reports, and says how it ended. Ctrl-C
 * stops the running scenario (reported interrupted) and names the ones that
 * never ran; the reports are written whatever happened.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { onInterrupt, stopSharedMediaServer } from '../media';
import { describeMachine, type ReportedScenario, type ScenarioRef } from '../report';
import { collectScenarios, installDom, runScenario, selectScenarios, type LoadedScenario, type Scenario } from '../runner';
import { CliError } from './args';
import { openReport } from './open-report';
import { packageRoot } from './package-root';
import { resolveProject, SCENARIOS_DIR, type Project } from './project';
import { createRunReporting } from './reporting';
import type { RunArgs } from './run-options';
import { scenarioPaths } from './scenario-paths';

/** How long Ctrl-C waits for the running scenario to tear down before the report is written without it (the process gives hooks 5 s). */
const INTERRUPT_WAIT_MS = 3000;

export interface RunContext {
  readonly print: (line: string) => void;
  readonly cwd?: string;
  /** where the package is (its bundled sample and scenarios) */
  readonly packageRoot?: string;
  /** the progress stream is a terminal */
  readonly isTTY?: boolean;
  /** the platform, for --open's opener */
  readonly platform?: NodeJS.Platform;
}

function needsMedia(s: Scenario): boolean {
  return (s.needs ?? []).includes('real-media');
}

/** The bundled scenarios: next to the sources in a clone, or compiled in dist/. */
export function bundledScenariosDir(pkg: string): string {
  const built = join(__dirname, '../../scenarios');
  return existsSync(built) ? built : join(pkg, 'scenarios');
}

const under = (dir: string, file: string): boolean => {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** The scenario paths a run loads: the arguments, else the project's own scenarios, else (inside this package) the bundled ones. */
function defaultPaths(project: Project, pkg: string): string[] {
  if (project.kind === 'bundled') return [bundledScenariosDir(pkg)];
  const dir = join(project.projectDir, SCENARIOS_DIR);
  if (!existsSync(dir))
    throw new CliError(
      `[live-harness] Failed to find scenarios: your project ${project.projectDir} (mini-program ${project.miniprogramRoot}) has no ${SCENARIOS_DIR}/ folder with scenarios/**/*.scenario.{ts,js}. Run "npx live-harness init" to add one with an example scenario, or pass scenario files.`,
    );
  return [dir];
}

/** A path as the user would type it from here: relative below the working directory, absolute elsewhere. */
export function shown(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

interface Planned extends ScenarioRef {
  readonly scenario: Scenario;
  readonly file: string;
  /** the mini-program it plays on */
  readonly root: string;
  readonly media: boolean;
}

export async function runCommand(args: RunArgs, ctx: RunContext): Promise<number> {
  const { print } = ctx;
  const cwd = ctx.cwd ?? process.cwd();
  const pkg = ctx.packageRoot ?? packageRoot();
  const project = resolveProject({ ...(args.root !== undefined ? { root: args.root } : {}), cwd, packageRoot: pkg });
  const bundledDirs = [bundledScenariosDir(pkg), join(pkg, 'scenarios'), join(pkg, 'dist', 'scenarios')];
  const bundledRoot = join(pkg, 'fixtures', 'miniprogram');
  const paths = args.files.length > 0 ? scenarioPaths(args.files, cwd) : defaultPaths(project, pkg);
  // Every file is loaded and validated before anything runs; a bad one is named now, and the rest run.
  const { scenarios: loaded, problems } = collectScenarios(paths);
  for (const p of problems) print(p.message);
  if (loaded.length === 0) {
    if (problems.length === 0 && args.files.length === 0)
      throw new CliError(
        `[live-harness] Failed to find scenarios: ${join(project.projectDir, SCENARIOS_DIR)} holds no scenarios/**/*.scenario.{ts,js} file. Run "npx live-harness init" to add an example, or pass scenario files.`,
      );
    throw new CliError(
      `[live-harness] Failed to run scenarios: no scenario loaded (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} above), so nothing ran. Fix the files or paths named above.`,
    );
  }
  const selected = selectScenarios<LoadedScenario>(loaded, {
    ...(args.grep ? { grep: args.grep, invert: args.grepInvert } : {}),
    ...(args.shard ? { shard: args.shard } : {}),
  });
  if (selected.length === 0) {
    const by = [
      args.grep ? `--grep ${args.grep.source}${args.grepInvert ? ' --grep-invert' : ''}` : '',
      args.shard ? `--shard ${args.shard.index}/${args.shard.count}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    print(
      `[live-harness] Failed to run scenarios: ${by} selects none of the ${loaded.length} loaded, so nothing ran. Loosen ${args.grep ? '--grep' : '--shard (fewer shards than scenarios)'}, or run --list to see the names.`,
    );
    return 2;
  }
  // The bundled scenarios are written for the bundled sample: they play on it whatever the project.
  const planned: Planned[] = selected.map(({ file, scenario }) => ({
    file,
    scenario,
    root: bundledDirs.some((d) => under(d, file)) ? bundledRoot : project.miniprogramRoot,
    media: args.clock === 'media' || (args.clock === 'auto' && needsMedia(scenario)),
  }));
  if (args.list) {
    const clockOf = (p: Planned): string =>
      args.clock === 'virtual' && needsMedia(p.scenario) ? `not applicable on ${args.clockFlag} virtual` : p.media ? 'real media' : 'virtual';
    for (const p of planned) print(`${p.scenario.name}  (${shown(p.file, cwd)}, ${clockOf(p)})`);
    const of = args.shard ? ` (shard ${args.shard.index}/${args.shard.count} of ${loaded.length})` : '';
    print(
      `${planned.length} ${planned.length === 1 ? 'scenario' : 'scenarios'}${of}${args.repeat > 1 ? `, ${args.repeat} attempts each` : ''}, on ${project.miniprogramRoot}`,
    );
    return problems.length > 0 ? 1 : 0;
  }
  const reporting = createRunReporting({ names: args.reporters, dir: resolve(cwd, args.report), keep: args.keep, print, isTTY: ctx.isTTY ?? false });
  const reporter = reporting.reporter;
  const removeDom = installDom();
  const warn = console.warn;
  console.warn = () => undefined; // warnings are on each timeline: printed with the scenario's result, and in the report
  const results: ReportedScenario[] = [];
  const abort = new AbortController();
  let interrupted = false;
  let failures = 0;
  let bailed = false;
  /** attempts not played: interrupted or bailed before their turn */
  const notRun: Planned[] = [];
  let running: Promise<void> | undefined;
  let finished: Promise<void> | undefined;
  const attempts: Array<{ plan: Planned; attempt: number }> = planned.flatMap((plan) =>
    Array.from({ length: args.repeat }, (_, k) => ({ plan, attempt: k + 1 })),
  );
  let next = 0;
  // Once, whichever comes first (the end of the run, or Ctrl-C): stop the shared server, then the reporters write.
  const finish = (): Promise<void> =>
    (finished ??= (async () => {
      notRun.push(...attempts.slice(next).map((a) => a.plan));
      await stopSharedMediaServer();
      const names = [...new Set(notRun.map((p) => p.scenario.name))];
      const listed = names.length ? `: ${names.join(', ')}` : '';
      // After Ctrl-C the line reporter's summary says "interrupted, N not run" itself: here only which ones.
      if (interrupted && args.reporters.includes('line')) {
        if (names.length) print(`not run${listed}`);
      } else if (interrupted || bailed)
        print(
          `${interrupted ? 'interrupted' : `stopped after ${failures} ${failures === 1 ? 'failure' : 'failures'} (--bail ${args.bail})`}, ${names.length} not run${listed}`,
        );
      await reporter.onRunEnd?.({ finishedAt: new Date(), interrupted, results });
    })());
  // Ctrl-C: stop the running scenario (its rig tears down and it returns what it saw), then report.
  const offInterrupt = onInterrupt(async () => {
    interrupted = true;
    print('interrupted: stopping the running scenario and writing the report');
    abort.abort();
    await Promise.race([running, new Promise((r) => setTimeout(r, INTERRUPT_WAIT_MS).unref())]);
    await finish();
    reporting.afterRun();
  });
  try {
    await reporter.onRunStart?.({
      startedAt: new Date(),
      target: args.target.name,
      seed: args.seed ?? null,
      // The mini-program the scenarios played on: the bundled sample when they are all bundled ones.
      miniprogramRoot: planned.every((p) => p.root === planned[0].root) ? planned[0].root : project.miniprogramRoot,
      scenarios: planned.map(({ scenario, file }) => ({ scenario, file })),
      machine: describeMachine(),
      argv: process.argv.slice(2),
      repeat: args.repeat,
    });
    for (; next < attempts.length;) {
      if (abort.signal.aborted || bailed) break;
      const { plan, attempt } = attempts[next++];
      running = (async () => {
        await reporter.onScenarioStart?.({ scenario: plan.scenario, file: plan.file, attempt, repeat: args.repeat });
        const r = await runScenario(plan.scenario, {
          miniprogramRoot: plan.root,
          target: args.target,
          // What the target offers beyond its clock (a phone: 'device'); the run still takes only the clock it asked for.
          capabilities: args.target.capabilities,
          ...(args.seed !== undefined ? { seed: args.seed } : {}),
          signal: abort.signal,
          observer: reporter,
          ...(plan.media ? { media: 'local' as const } : {}),
        });
        const reported = { ...r, file: plan.file, attempt, repeat: args.repeat } as ReportedScenario;
        results.push(reported);
        // The line reporter prints it whole, with its warnings (passing scenarios' too).
        await reporter.onScenarioEnd?.(reported);
        if (r.status === 'failed' && ++failures >= (args.bail ?? Infinity)) bailed = true;
      })();
      await running;
    }
  } finally {
    offInterrupt();
    console.warn = warn;
    removeDom();
    // Reports are written whatever happened.
    await finish();
  }
  if (problems.length > 0)
    print(`${problems.length} ${problems.length === 1 ? 'file' : 'files'} not loaded: ${problems.map((p) => shown(p.file, cwd)).join(', ')}`);
  const index = reporting.afterRun();
  if (args.open) await openReport(index, { print, platform: ctx.platform ?? process.platform });
  // A flaky scenario under --repeat has a failed attempt: it fails the run.
  const failed = results.filter((r) => r.status === 'failed').length;
  const ran = results.filter((r) => r.status === 'passed' || r.status === 'failed').length;
  if (interrupted) return 130;
  if (ran === 0) {
    print(
      `[live-harness] Failed to run scenarios: all ${results.length} are not applicable on ${args.clockFlag} ${args.clock}${args.target.name === 'simulate' ? '' : ` (--target ${args.target.name})`}, so nothing ran. Run them with ${args.clockFlag} auto, or pass scenarios this target can run.`,
    );
    return 2;
  }
  return failed === 0 && problems.length === 0 && !bailed ? 0 : 1;
}
