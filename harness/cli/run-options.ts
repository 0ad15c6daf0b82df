/**
 * `live-harness run`'s command line: its usage and its options, read into
 * RunArgs (validated: a wrong value is named with the valid ones).
 */
import { nearest } from '../../mocks/model';
import { parseShard, SelectionError, type Shard } from '../runner';
import { device, devtools, TARGETS, type Target } from '../targets';
import { DEFAULT_REPORTERS, parseReporterNames, ReporterNameError, type ReporterName } from '../report';
import { CliError, parseCommand, wholeNumber, type OptionSpecs } from './args';

export const CLOCKS = ['auto', 'virtual', 'media'] as const;
export type Clock = (typeof CLOCKS)[number];

/** --reporter without a value: every reporter there is (the line reporter adapts to a terminal or a pipe). */
export const RUN_DEFAULT_REPORTERS: readonly ReporterName[] = DEFAULT_REPORTERS;

export const RUN_USAGE = `Usage: live-harness run [scenario files, folders or globs…] [options]

  Runs scenarios and writes a report (results.json, junit.xml, index.html)
  into reports/<run-id>/, with reports/latest pointing at it.

  Without scenario arguments: in your mini-program project, its scenarios
  (scenarios/**/*.scenario.{ts,js}; "live-harness init" adds one); inside
  live-harness itself, the bundled scenarios on the bundled sample. A folder
  gives its *.scenario.ts|js files; a glob (quoted: 'scenarios/live-*') its
  matches. Every file is loaded and validated first; a bad one is named (with
  its line, or the key path and the nearest key) and the others still run.

  The mini-program (--root) is found from the working folder:
  project.config.json's miniprogramRoot, else a folder with app.json (here,
  or miniprogram/). The bundled scenarios always run on the bundled sample.

Options:
  --root DIR            the mini-program folder (with app.json)
  --seed N              the seed of every virtual network (default: each
                        scenario's own, else 1)
  --clock auto|virtual|media
                        auto (default): each scenario on the clock it needs,
                        virtual time or real media (the embedded RTMP/HTTP-FLV
                        server, or LIVE_HARNESS_SERVER, with real ffmpeg);
                        virtual|media: only that clock, the rest are reported
                        not applicable
  --target simulate|automator-sim|devtools|device
                        simulate (default): the pages in process;
                        automator-sim: through the real miniprogram-automator
                        client; devtools: in WeChat DevTools at --ws-endpoint,
                        the harness supplying the live tags; device: a phone
                        attached there. (--target auto|virtual|media is the
                        older spelling of --clock.)
  --ws-endpoint URL     devtools/device: the runtime's automation port
  --grep REGEX          only the scenarios whose name matches
  --grep-invert         only those whose name does not match --grep
  --shard I/N           the I-th of N shards of a CI matrix: the scenarios,
                        sorted by file and name, dealt round-robin; the N
                        shards together run every scenario exactly once
  --repeat N            run each scenario N times; prints its pass count and
                        flags it flaky when some attempts passed and some not
  --bail [N]            stop after the first (or N-th) failure; the rest are
                        reported not run
  --list                print what would run (name, file, clock) and exit 0
  --reporter LIST       comma-separated, of line, json, junit, html (default:
                        all four; line shows progress on a terminal and plain
                        lines elsewhere)
  --report DIR          the reports folder (default: reports)
  --keep N              keep the last N run folders in it (default 10)
  --open                open index.html in the browser when the run ends
  -h, --help            this text

Exit code: 0 every applicable scenario passed (and at least one ran);
  1 a scenario failed or was flaky, a file did not load, or --bail stopped
  the run; 2 nothing ran (a wrong command line, no scenario loaded, none
  selected, or none the target can run); 130 interrupted (Ctrl-C; 143 on
  SIGTERM): the stopped scenario is reported interrupted, the rest not run.`;

const HINT = 'Run live-harness run --help for its options.';

export const RUN_OPTIONS: OptionSpecs = {
  root: { type: 'string', example: '--root <folder with app.json>' },
  seed: { type: 'string', example: '--seed 7' },
  clock: { type: 'string', example: '--clock virtual' },
  target: { type: 'string', example: '--target automator-sim' },
  'ws-endpoint': { type: 'string', example: '--ws-endpoint ws://127.0.0.1:9420' },
  grep: { type: 'string', example: "--grep 'push'" },
  'grep-invert': { type: 'boolean' },
  shard: { type: 'string', example: '--shard 1/2' },
  repeat: { type: 'string', example: '--repeat 5' },
  bail: { type: 'string', example: '--bail 3' },
  list: { type: 'boolean' },
  reporter: { type: 'string', example: '--reporter line,json' },
  report: { type: 'string', example: '--report reports' },
  keep: { type: 'string', example: '--keep 10' },
  open: { type: 'boolean' },
};

export interface RunArgs {
  /** scenario arguments as given (files, folders, globs) */
  readonly files: readonly string[];
  readonly seed?: number;
  readonly root?: string;
  /** the reports folder */
  readonly report: string;
  readonly target: Target;
  readonly clock: Clock;
  /** how the clock was asked for, to name it back (`--clock media`, or the older `--target media`) */
  readonly clockFlag: string;
  readonly grep?: RegExp;
  readonly grepInvert: boolean;
  readonly shard?: Shard;
  /** attempts per scenario, ≥ 1 */
  readonly repeat: number;
  /** stop after this many failures */
  readonly bail?: number;
  readonly list: boolean;
  readonly reporters: readonly ReporterName[];
  /** run folders kept in the reports folder */
  readonly keep: number;
  readonly open: boolean;
}

/** `--bail` takes an optional count: `--bail`, `--bail 3`, `--bail=3`. parseArgs has no optional values, so the count is joined here. */
function joinBail(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return [...out, ...argv.slice(i)];
    if (argv[i] !== '--bail') out.push(argv[i]);
    else if (/^\d+$/.test(argv[i + 1] ?? '')) out.push(`--bail=${argv[++i]}`);
    else out.push('--bail=1');
  }
  return out;
}

/** Reads `run`'s arguments; undefined when --help was asked for (the caller prints RUN_USAGE). */
export function parseRun(argv: readonly string[]): RunArgs | undefined {
  const { values: v, positionals, help } = parseCommand('run', joinBail(argv), RUN_OPTIONS, HINT);
  if (help) return undefined;
  const str = (k: string): string | undefined => v[k] as string | undefined;
  let target: Target = TARGETS.simulate;
  let clock: Clock = 'auto';
  let clockFlag = '--clock';
  let remote: 'devtools' | 'device' | undefined;
  const t = str('target');
  if (t !== undefined) {
    if ((CLOCKS as readonly string[]).includes(t)) {
      clock = t as Clock;
      clockFlag = '--target';
    } else if (Object.hasOwn(TARGETS, t)) target = TARGETS[t];
    else if (t === 'devtools' || t === 'device') remote = t;
    else {
      const names = [...Object.keys(TARGETS), 'devtools', 'device'];
      const near = nearest(t, [...names, ...CLOCKS]);
      throw new CliError(
        `[live-harness] Failed to read the command line: --target ${JSON.stringify(t)} is not a target. ${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Use ${names.join(', ')} (or a clock: ${CLOCKS.join(', ')}).`,
      );
    }
  }
  const c = str('clock');
  if (c !== undefined) {
    if (!(CLOCKS as readonly string[]).includes(c)) {
      const near = nearest(c, CLOCKS);
      throw new CliError(
        `[live-harness] Failed to read the command line: --clock ${JSON.stringify(c)} is not a clock. ${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Use ${CLOCKS.join(', ')}.`,
      );
    }
    clock = c as Clock;
    clockFlag = '--clock';
  }
  const wsEndpoint = str('ws-endpoint');
  if (remote) {
    if (!wsEndpoint)
      throw new CliError(
        `[live-harness] Failed to read the command line: --target ${remote} needs --ws-endpoint, the runtime's automation port. Start DevTools with \`cli auto --project <dir> --auto-port 9420\` and pass --ws-endpoint ws://127.0.0.1:9420.`,
      );
    target = remote === 'devtools' ? devtools({ wsEndpoint }) : device({ wsEndpoint });
  } else if (wsEndpoint)
    throw new CliError(
      `[live-harness] Failed to read the command line: --ws-endpoint is for --target devtools or device, not ${target.name}. Add --target devtools, or drop it.`,
    );
  let grep: RegExp | undefined;
  const g = str('grep');
  if (g !== undefined) {
    try {
      grep = new RegExp(g);
    } catch (e) {
      throw new CliError(
        `[live-harness] Failed to read the command line: --grep ${JSON.stringify(g)} is not a regular expression (${e instanceof Error ? e.message : String(e)}). Escape its special characters, e.g. --grep 'push \\(RTC\\)'.`,
      );
    }
  }
  if (v['grep-invert'] && !grep)
    throw new CliError(
      '[live-harness] Failed to read the command line: --grep-invert needs --grep, the names to leave out. Pass e.g. --grep media --grep-invert.',
    );
  let shard: Shard | undefined;
  if (str('shard') !== undefined) {
    try {
      shard = parseShard(str('shard') as string);
    } catch (e) {
      throw e instanceof SelectionError ? new CliError(e.message) : e;
    }
  }
  let reporters: ReporterName[];
  try {
    reporters = parseReporterNames([str('reporter') ?? RUN_DEFAULT_REPORTERS.join(',')]);
  } catch (e) {
    throw e instanceof ReporterNameError ? new CliError(e.message) : e;
  }
  return {
    files: positionals,
    ...(str('seed') !== undefined ? { seed: wholeNumber('--seed', str('seed') as string, 0, '--seed 7') } : {}),
    ...(str('root') !== undefined ? { root: str('root') } : {}),
    report: str('report') ?? 'reports',
    target,
    clock,
    clockFlag,
    ...(grep ? { grep } : {}),
    grepInvert: v['grep-invert'] === true,
    ...(shard ? { shard } : {}),
    repeat: str('repeat') === undefined ? 1 : wholeNumber('--repeat', str('repeat') as string, 1, '--repeat 5'),
    ...(str('bail') !== undefined ? { bail: wholeNumber('--bail', str('bail') as string, 1, '--bail 3') } : {}),
    list: v.list === true,
    reporters,
    keep: str('keep') === undefined ? 10 : wholeNumber('--keep', str('keep') as string, 1, '--keep 10'),
    open: v.open === true,
  };
}
