/**
 * live-harness command line.
 *   live-harness run [files or folders…] [--seed N] [--root DIR] [--report DIR] [--target simulate|automator-sim] [--clock auto|virtual|media]
 *   live-harness doctor [--devtools <cliPath>] [--lan <address|auto>]
 *   live-harness serve --lan <address|auto> [--stream KEY]… [--rtmp-port N] [--http-port N] [--valid-for DURATION]
 *   live-harness codes [pusher|player|errors]
 *   live-harness trace replay <trace.json>
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { allCodes, errorCodes, type CodeEntry } from '../../mocks/codes';
import { onInterrupt, stopSharedMediaServer } from '../media';
import { combineReporters, ConsoleReporter, JsonReporter, type ReportedScenario } from '../report';
import { nearest } from '../../mocks/model';
import { collectScenarios, installDom, runScenario, type Scenario } from '../runner';
import { device, devtools, TARGETS, type Target } from '../targets';
import { doctor, type DoctorOptions } from './doctor';
import { serve, type ServeOptions } from './serve';
import { TRACE_USAGE, traceCommand } from './trace-command';
import { loadCommand } from './load-command';
import { packageRoot } from './package-root';

/** How long Ctrl-C waits for the running scenario to tear down before the report is written without it (the process gives hooks 5 s). */
const INTERRUPT_WAIT_MS = 3000;

const CLOCKS = ['auto', 'virtual', 'media'] as const;
type Clock = (typeof CLOCKS)[number];

const USAGE = `Usage:
  live-harness run [scenario files or folders…] [--seed N] [--root DIR] [--report DIR]
                   [--target simulate|automator-sim|devtools|device] [--ws-endpoint URL]
                   [--clock auto|virtual|media]
      Runs scenarios (a folder: its *.scenario.ts|js files). Without any: the
      bundled scenarios on the bundled sample mini-program. Each runs on the
      clock it needs (--clock auto): in virtual time, or on real media (the
      embedded RTMP/HTTP-FLV server, or LIVE_HARNESS_SERVER, with real ffmpeg
      encoders). --clock virtual|media runs only on that clock; the rest are
      reported not applicable. --target simulate (default) runs the pages in
      process; --target automator-sim drives them through the real
      miniprogram-automator client against automator-sim. --target devtools
      runs the pages in WeChat DevTools at --ws-endpoint (its --auto-port)
      with the harness supplying the live tags' behaviour; --target device
      listens to a phone attached there (remote(): scan the QR code). (--target
      auto|virtual|media is the older spelling of --clock.)
      --root is the mini-program (folder with app.json).
      Every file is loaded and validated first; a bad one is named (with its
      line, or the key path and the nearest key) and the others still run.
      Exit code: 0 all ran and passed; 1 a scenario failed or a file did not
      load; 2 nothing ran (no file loaded, or none the target can run).
  live-harness doctor [--devtools <cliPath>] [--lan <address|auto>]
      Checks that this machine can run real media (ffmpeg, server, encoder)
      and drive mini-programs (the miniprogram-automator client, and a
      round trip with it to automator-sim). With
      --devtools, a WeChat DevTools command line; with --lan, the address a
      tethered phone will reach (auto: this machine's one LAN address).
  live-harness serve --lan <address|auto> [--stream KEY]… [--rtmp-port N] [--http-port N] [--valid-for DURATION]
      Serves a tethered phone: the media server on this LAN address only
      (auto: this machine's one LAN address), every push and play URL signed
      and expiring (--valid-for, default 6h), until Ctrl-C. Prints the ports
      to open in the firewall and the signed URLs of each --stream (live/demo).
  live-harness codes [pusher|player|errors]
      Prints the status-code table.
${TRACE_USAGE}
  live-harness help`;

export class CliError extends Error {
  readonly code = 'LH_CLI';
}

interface RunArgs {
  files: string[];
  seed?: number;
  root?: string;
  report: string;
  target: Target;
  clock: Clock;
  /** devtools/device: where the runtime's automation port is */
  wsEndpoint?: string;
  /** how the clock was asked for, to name it back (`--clock media`, or the older `--target media`) */
  clockFlag: string;
}

function parseRun(argv: string[]): RunArgs {
  const out: RunArgs = { files: [], report: 'reports', target: TARGETS.simulate, clock: 'auto', clockFlag: '--clock' };
  let remoteTarget: 'devtools' | 'device' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new CliError(`[live-harness] Failed to read the command line: ${a} needs a value. ${USAGE}`);
      return v;
    };
    if (a === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v))
        throw new CliError(`[live-harness] Failed to read the command line: --seed ${JSON.stringify(v)} is not a whole number. Pass e.g. --seed 7.`);
      out.seed = Number(v);
    } else if (a === '--root') out.root = resolve(value());
    else if (a === '--report') out.report = value();
    else if (a === '--target') {
      const v = value();
      if ((CLOCKS as readonly string[]).includes(v)) {
        out.clock = v as Clock;
        out.clockFlag = '--target';
      } else if (Object.hasOwn(TARGETS, v)) out.target = TARGETS[v];
      else if (v === 'devtools' || v === 'device') remoteTarget = v;
      else {
        const names = [...Object.keys(TARGETS), 'devtools', 'device'];
        const near = nearest(v, [...names, ...CLOCKS]);
        throw new CliError(
          `[live-harness] Failed to read the command line: --target ${JSON.stringify(v)} is not a target. ${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Use ${names.join(', ')} (or a clock: ${CLOCKS.join(', ')}).`,
        );
      }
    } else if (a === '--ws-endpoint') out.wsEndpoint = value();
    else if (a === '--clock') {
      const v = value();
      if (!(CLOCKS as readonly string[]).includes(v)) {
        const near = nearest(v, CLOCKS);
        throw new CliError(
          `[live-harness] Failed to read the command line: --clock ${JSON.stringify(v)} is not a clock. ${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Use ${CLOCKS.join(', ')}.`,
        );
      }
      out.clock = v as Clock;
      out.clockFlag = '--clock';
    } else if (a.startsWith('--')) throw new CliError(`[live-harness] Failed to read the command line: unknown option ${a}. ${USAGE}`);
    else out.files.push(resolve(a));
  }
  if (remoteTarget) {
    if (!out.wsEndpoint)
      throw new CliError(
        `[live-harness] Failed to read the command line: --target ${remoteTarget} needs --ws-endpoint, the runtime's automation port. Start DevTools with \`cli auto --project <dir> --auto-port 9420\` and pass --ws-endpoint ws://127.0.0.1:9420.`,
      );
    out.target = remoteTarget === 'devtools' ? devtools({ wsEndpoint: out.wsEndpoint }) : device({ wsEndpoint: out.wsEndpoint });
  } else if (out.wsEndpoint)
    throw new CliError(
      `[live-harness] Failed to read the command line: --ws-endpoint is for --target devtools or device, not ${out.target.name}. Add --target devtools, or drop it.`,
    );
  return out;
}

const DOCTOR_OPTIONS = ['--devtools', '--lan'] as const;

function parseDoctor(argv: string[]): DoctorOptions {
  const out: { devtools?: string; lan?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!(DOCTOR_OPTIONS as readonly string[]).includes(a)) {
      const near = a.startsWith('--') ? nearest(a, DOCTOR_OPTIONS) : undefined;
      throw new CliError(
        `[live-harness] Failed to read the command line: unknown option ${a}.${near ? ` Did you mean ${near}?` : ''} doctor takes ${DOCTOR_OPTIONS.join(', ')}.`,
      );
    }
    const v = argv[++i];
    if (v === undefined || v.startsWith('--'))
      throw new CliError(
        `[live-harness] Failed to read the command line: ${a} needs a value. Pass ${a === '--lan' ? '--lan 192.168.1.20 (or --lan auto)' : '--devtools <path to the DevTools cli>'}.`,
      );
    if (a === '--lan') out.lan = v;
    else out.devtools = v;
  }
  return out;
}

const SERVE_OPTIONS = ['--lan', '--stream', '--rtmp-port', '--http-port', '--valid-for'] as const;

function parseServe(argv: string[]): ServeOptions {
  let lan: string | undefined;
  const streams: string[] = [];
  const ports: { rtmpPort?: number; httpPort?: number } = {};
  let signValidForMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!(SERVE_OPTIONS as readonly string[]).includes(a)) {
      const near = nearest(a, SERVE_OPTIONS);
      throw new CliError(
        `[live-harness] Failed to read the command line: unknown option ${a}.${near ? ` Did you mean ${near}?` : ''} serve takes ${SERVE_OPTIONS.join(', ')}.`,
      );
    }
    const v = argv[++i];
    if (v === undefined || v.startsWith('--')) throw new CliError(`[live-harness] Failed to read the command line: ${a} needs a value. ${USAGE}`);
    if (a === '--lan') lan = v;
    else if (a === '--stream') streams.push(v.replace(/^\/+/, ''));
    else if (a === '--valid-for') {
      const m = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(v);
      if (!m || Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5 }[m[2] as 's' | 'm' | 'h'] < 1000)
        throw new CliError(
          `[live-harness] Failed to read the command line: --valid-for ${JSON.stringify(v)} is not a duration of a second or more. Pass e.g. --valid-for 2h or 90m.`,
        );
      signValidForMs = Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5 }[m[2] as 's' | 'm' | 'h'];
    } else {
      const port = Number(v);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new CliError(`[live-harness] Failed to read the command line: ${a} ${JSON.stringify(v)} is not a port. Pass an integer from 1 to 65535.`);
      if (a === '--rtmp-port') ports.rtmpPort = port;
      else ports.httpPort = port;
    }
  }
  if (lan === undefined)
    throw new CliError(
      '[live-harness] Failed to read the command line: serve needs --lan. Pass this machine\'s address on the phone\'s network (--lan 192.168.1.20), or --lan auto; "live-harness doctor --lan <address>" checks one.',
    );
  return { lan, streams, signValidForMs, ...ports };
}

async function serveUntilInterrupted(o: ServeOptions, print: (s: string) => void): Promise<number> {
  const abort = new AbortController();
  const off = onInterrupt(async () => {
    abort.abort();
    await stopping;
  });
  const stopping = serve(o, print, abort.signal);
  try {
    return await stopping;
  } finally {
    off();
  }
}

function needsMedia(s: Scenario): boolean {
  return (s.needs ?? []).includes('real-media');
}

async function run(args: RunArgs, print: (s: string) => void): Promise<number> {
  const pkg = packageRoot();
  const root = args.root ?? join(pkg, 'fixtures', 'miniprogram');
  if (!existsSync(join(root, 'app.json')))
    throw new CliError(`[live-harness] Failed to find the mini-program: ${join(root, 'app.json')} does not exist. Pass --root <folder with app.json>.`);
  const bundled = existsSync(join(__dirname, '../../scenarios')) ? join(__dirname, '../../scenarios') : join(pkg, 'scenarios');
  // Every file is loaded and validated before anything runs; a bad one is named now, and the rest run.
  const { scenarios, problems } = collectScenarios(args.files.length > 0 ? args.files : [bundled]);
  for (const p of problems) print(p.message);
  // Always with a problem above: a path with no scenario under it is one.
  if (scenarios.length === 0)
    throw new CliError(
      `[live-harness] Failed to run scenarios: no scenario loaded (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} above), so nothing ran. Fix the files or paths named above.`,
    );
  const removeDom = installDom();
  const warn = console.warn;
  console.warn = () => undefined; // warnings are on each timeline and in the report
  const reporter = combineReporters(new JsonReporter({ dir: args.report, onWritten: (file) => print(`report: ${file}`) }), new ConsoleReporter({ print }));
  const results: ReportedScenario[] = [];
  const abort = new AbortController();
  let interrupted = false;
  let running: Promise<void> | undefined;
  let finished: Promise<void> | undefined;
  // Once, whichever comes first (the end of the run, or Ctrl-C): stop the shared server, then the reporters write.
  const finish = (): Promise<void> =>
    (finished ??= (async () => {
      await stopSharedMediaServer();
      await reporter.onRunEnd?.({ finishedAt: new Date(), interrupted, results });
    })());
  // Ctrl-C: stop the running scenario (its rig tears down and it returns what it saw), then report.
  const offInterrupt = onInterrupt(async () => {
    interrupted = true;
    print('interrupted: stopping the running scenario and writing the report');
    abort.abort();
    await Promise.race([running, new Promise((r) => setTimeout(r, INTERRUPT_WAIT_MS).unref())]);
    await finish();
  });
  try {
    await reporter.onRunStart?.({ startedAt: new Date(), target: args.target.name, seed: args.seed ?? null, miniprogramRoot: root, scenarios });
    for (const { file, scenario } of scenarios) {
      if (abort.signal.aborted) break;
      const media = args.clock === 'media' || (args.clock === 'auto' && needsMedia(scenario));
      running = (async () => {
        await reporter.onScenarioStart?.({ scenario, file });
        const r = await runScenario(scenario, {
          miniprogramRoot: root,
          target: args.target,
          // What the target offers beyond its clock (a phone: 'device'); the run still takes only the clock it asked for.
          capabilities: args.target.capabilities,
          seed: args.seed,
          signal: abort.signal,
          observer: reporter,
          ...(media ? { media: 'local' as const } : {}),
        });
        results.push({ ...r, file });
        await reporter.onScenarioEnd?.({ ...r, file });
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
  if (problems.length > 0) print(`${problems.length} ${problems.length === 1 ? 'file' : 'files'} not loaded: ${problems.map((p) => shown(p.file)).join(', ')}`);
  const failed = results.filter((r) => r.status === 'failed').length;
  const ran = results.filter((r) => r.status !== 'not-applicable').length;
  if (ran === 0 && !interrupted) {
    print(
      `[live-harness] Failed to run scenarios: all ${results.length} are not applicable on ${args.clockFlag} ${args.clock}${args.target.name === 'simulate' ? '' : ` (--target ${args.target.name})`}, so nothing ran. Run them with ${args.clockFlag} auto, or pass scenarios this target can run.`,
    );
    return 2;
  }
  return failed === 0 && problems.length === 0 && !interrupted ? 0 : 1;
}

/** A path as the user would type it from here: relative below the working directory, absolute elsewhere. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function codes(which: string | undefined, print: (s: string) => void): number {
  const tables: Array<[string, readonly CodeEntry[]]> = [];
  if (!which || which === 'pusher') tables.push(['live-pusher statechange', allCodes('pusher')]);
  if (!which || which === 'player') tables.push(['live-player statechange', allCodes('player')]);
  if (!which || which === 'errors') tables.push(['live-pusher binderror', errorCodes()]);
  if (tables.length === 0) throw new CliError(`[live-harness] Failed to print codes: ${JSON.stringify(which)} is not a table. Use pusher, player or errors.`);
  for (const [title, rows] of tables) {
    print(title);
    for (const e of rows)
      print(`  ${String(e.code).padStart(7)}  ${e.kind.padEnd(7)}  ${e.name.padEnd(44)}  ${e.meaning}${e.platform ? `  [${e.platform} only]` : ''}`);
  }
  return 0;
}

export async function main(argv: string[], print: (s: string) => void = (s) => console.log(s)): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'run':
        return await run(parseRun(rest), print);
      case 'serve':
        return await serveUntilInterrupted(parseServe(rest), print);
      case 'codes':
        return codes(rest[0], print);
      case 'doctor':
        return await doctor(print, parseDoctor(rest));
      case 'trace':
        return await traceCommand(rest, print);
      case 'load':
        return await loadCommand(rest, print);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        print(USAGE);
        return cmd === undefined ? 1 : 0;
      default:
        throw new CliError(`[live-harness] Failed to read the command line: unknown command ${JSON.stringify(cmd)}. ${USAGE}`);
    }
  } catch (e) {
    print(e instanceof Error ? e.message : String(e));
    return 2;
  }
}
