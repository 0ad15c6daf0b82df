/**
 * live-harness command line: one parser per command (node:util parseArgs,
 * through args.ts), each with its own --help.
 *   live-harness run [files, folders or globs…] [options]   (run --help)
 *   live-harness init [--root DIR]
 *   live-harness doctor [--devtools <cliPath>] [--lan <address|auto>]
 *   live-harness serve --lan <address|auto> [--stream KEY]… [--rtmp-port N] [--http-port N] [--valid-for DURATION]
 *   live-harness codes [pusher|player|errors]
 *   live-harness trace replay <trace.json>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allCodes, errorCodes, type CodeEntry } from '../../mocks/codes';
import { nearest } from '../../mocks/model';
import { onInterrupt } from '../media';
import { CliError, parseCommand, type OptionSpecs } from './args';
import { doctor, type DoctorOptions } from './doctor';
import { initCommand, INIT_USAGE } from './init';
import { packageRoot } from './package-root';
import { runCommand } from './run-command';
import { parseRun, RUN_USAGE } from './run-options';
import { serve, type ServeOptions } from './serve';
import { TRACE_USAGE, traceCommand } from './trace-command';
import { LOAD_USAGE, loadCommand } from './load-command';

export { CliError } from './args';

const DOCTOR_USAGE = `Usage: live-harness doctor [--devtools <cliPath>] [--lan <address|auto>]
  Checks that this machine can run real media (ffmpeg, server, encoder)
  and drive mini-programs (the miniprogram-automator client, and a round
  trip with it to automator-sim), and names the Chromium that browser
  viewers would use (or how to get one). With --devtools, a WeChat DevTools command
  line; with --lan, the address a tethered phone will reach (auto: this
  machine's one LAN address). Exit code 0 when everything checked is ready.`;

const SERVE_USAGE = `Usage: live-harness serve --lan <address|auto> [--stream KEY]… [--rtmp-port N] [--http-port N] [--valid-for DURATION]
  Serves a tethered phone: the media server on this LAN address only (auto:
  this machine's one LAN address), every push and play URL signed and
  expiring (--valid-for, default 6h), until Ctrl-C. Prints the ports to open
  in the firewall and the signed URLs of each --stream (live/demo).`;

const CODES_USAGE = `Usage: live-harness codes [pusher|player|errors]
  Prints the status-code table (all three without an argument).`;

const USAGE = `Usage: live-harness <command> [options]   (live-harness <command> --help for its options)

Commands:
  run [scenarios…]   runs scenarios (files, folders, globs) and writes the report:
                     --grep, --shard i/n, --repeat N, --bail [N], --list, --reporter,
                     --keep N, --open, --seed, --root, --clock, --target
  init               adds scenarios/, an example scenario, the jest preset and an
                     npm script to your mini-program project
  doctor             checks ffmpeg, the media server, the encoder, the automator client, a Chromium
  serve --lan ADDR   serves a tethered phone with signed URLs until Ctrl-C
  codes [table]      prints the status-code tables (pusher, player, errors)
  trace replay FILE  replays a saved device trace against the model
  load               an audience of N viewers against one server; load merge adds shards
  help               this text

Options: -h, --help (also after a command), -v, --version`;

export function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

const COMMANDS = ['run', 'init', 'doctor', 'serve', 'codes', 'trace', 'load', 'help'] as const;

const DOCTOR_OPTIONS: OptionSpecs = {
  devtools: { type: 'string', example: '--devtools <path to the DevTools cli>' },
  lan: { type: 'string', example: '--lan 192.168.1.20 (or --lan auto)' },
};

function parseDoctor(argv: readonly string[]): DoctorOptions | undefined {
  const { values, positionals, help } = parseCommand('doctor', argv, DOCTOR_OPTIONS, 'Run live-harness doctor --help.');
  if (help) return undefined;
  if (positionals.length > 0)
    throw new CliError(
      `[live-harness] Failed to read the command line: doctor takes no argument ${JSON.stringify(positionals[0])}. Pass only --devtools and --lan.`,
    );
  return {
    ...(values.devtools !== undefined ? { devtools: values.devtools as string } : {}),
    ...(values.lan !== undefined ? { lan: values.lan as string } : {}),
  };
}

const SERVE_OPTIONS: OptionSpecs = {
  lan: { type: 'string', example: '--lan 192.168.1.20 (or --lan auto)' },
  stream: { type: 'string', multiple: true, example: '--stream live/demo' },
  'rtmp-port': { type: 'string', example: '--rtmp-port 1935' },
  'http-port': { type: 'string', example: '--http-port 8000' },
  'valid-for': { type: 'string', example: '--valid-for 2h' },
};

function parseServe(argv: readonly string[]): ServeOptions | undefined {
  const { values: v, positionals, help } = parseCommand('serve', argv, SERVE_OPTIONS, 'Run live-harness serve --help.');
  if (help) return undefined;
  if (positionals.length > 0)
    throw new CliError(
      `[live-harness] Failed to read the command line: serve takes no argument ${JSON.stringify(positionals[0])}. Pass streams with --stream KEY.`,
    );
  let signValidForMs: number | undefined;
  const validFor = v['valid-for'] as string | undefined;
  if (validFor !== undefined) {
    const m = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(validFor);
    const ms = m ? Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5 }[m[2] as 's' | 'm' | 'h'] : 0;
    if (ms < 1000)
      throw new CliError(
        `[live-harness] Failed to read the command line: --valid-for ${JSON.stringify(validFor)} is not a duration of a second or more. Pass e.g. --valid-for 2h or 90m.`,
      );
    signValidForMs = ms;
  }
  const port = (flag: string): number | undefined => {
    const p = v[flag.slice(2)] as string | undefined;
    if (p === undefined) return undefined;
    if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535)
      throw new CliError(`[live-harness] Failed to read the command line: ${flag} ${JSON.stringify(p)} is not a port. Pass an integer from 1 to 65535.`);
    return Number(p);
  };
  const lan = v.lan as string | undefined;
  if (lan === undefined)
    throw new CliError(
      '[live-harness] Failed to read the command line: serve needs --lan. Pass this machine\'s address on the phone\'s network (--lan 192.168.1.20), or --lan auto; "live-harness doctor --lan <address>" checks one.',
    );
  const rtmpPort = port('--rtmp-port');
  const httpPort = port('--http-port');
  return {
    lan,
    streams: ((v.stream as string[] | undefined) ?? []).map((s) => s.replace(/^\/+/, '')),
    signValidForMs,
    ...(rtmpPort !== undefined ? { rtmpPort } : {}),
    ...(httpPort !== undefined ? { httpPort } : {}),
  };
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
      case 'run': {
        const args = parseRun(rest);
        if (!args) return usage(RUN_USAGE, print);
        return await runCommand(args, { print, isTTY: process.stdout.isTTY === true });
      }
      case 'init': {
        const { values, positionals, help } = parseCommand(
          'init',
          rest,
          { root: { type: 'string', example: '--root <project folder>' } },
          'Run live-harness init --help.',
        );
        if (help) return usage(INIT_USAGE, print);
        if (positionals.length > 0)
          throw new CliError(
            `[live-harness] Failed to read the command line: init takes no argument ${JSON.stringify(positionals[0])}. Pass the project with --root DIR.`,
          );
        return initCommand({ cwd: process.cwd(), ...(values.root !== undefined ? { root: values.root as string } : {}), print });
      }
      case 'serve': {
        const o = parseServe(rest);
        return o ? await serveUntilInterrupted(o, print) : usage(SERVE_USAGE, print);
      }
      case 'codes': {
        const { positionals, help } = parseCommand('codes', rest, {}, 'Run live-harness codes --help.');
        return help ? usage(CODES_USAGE, print) : codes(positionals[0], print);
      }
      case 'doctor': {
        const o = parseDoctor(rest);
        return o ? await doctor(print, o) : usage(DOCTOR_USAGE, print);
      }
      case 'trace':
        if (rest.includes('--help') || rest.includes('-h')) return usage(`Usage:\n${TRACE_USAGE}`, print);
        return await traceCommand(rest, print);
      case 'load':
        if (rest.includes('--help') || rest.includes('-h')) return usage(`Usage:\n${LOAD_USAGE}`, print);
        return await loadCommand(rest, print);
      case '--version':
      case '-v':
        print(version());
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h': {
        const topic = cmd === 'help' ? rest[0] : undefined;
        if (topic !== undefined) return main([topic, '--help'], print);
        print(USAGE);
        return cmd === undefined ? 1 : 0;
      }
      default: {
        const near = nearest(cmd, cmd.startsWith('-') ? ['--help', '--version'] : COMMANDS);
        throw new CliError(
          `[live-harness] Failed to read the command line: unknown ${cmd.startsWith('-') ? 'option' : 'command'} ${JSON.stringify(cmd)}.${near ? ` Did you mean ${JSON.stringify(near)}?` : ''} Use one of ${COMMANDS.join(', ')} (live-harness help).`,
        );
      }
    }
  } catch (e) {
    print(e instanceof Error ? e.message : String(e));
    return 2;
  }
}

function usage(text: string, print: (s: string) => void): number {
  print(text);
  return 0;
}
