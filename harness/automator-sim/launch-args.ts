/**
 * The WeChat DevTools command line as `automator.launch()` calls it:
 * `auto --project <abs path> --auto-port <port> [--auto-account X | --ticket T] [--trust-project]`,
 * plus automator-sim's own options.
 */
import { nearest } from '../../mocks/model';
import { AutomatorSimError } from './automator-sim';

export interface LaunchArgs {
  readonly project: string;
  readonly port: number;
  readonly account?: string;
  readonly ticket?: string;
  readonly trustProject: boolean;
  readonly clock: 'virtual-time' | 'real-media';
  readonly seed?: string;
  readonly live: 'mock' | 'inert';
}

const VALUE_FLAGS = ['--project', '--auto-port', '--auto-account', '--ticket', '--clock', '--seed', '--live'];
const BOOLEAN_FLAGS = ['--trust-project'];

export const LAUNCH_USAGE =
  'Usage: automator-sim auto --project <mini-program project> --auto-port <port> [--auto-account <openid> | --ticket <ticket>] [--trust-project] ' +
  '[--clock virtual-time|real-media] [--seed <seed>] [--live mock|inert]';

function fail(reason: string, remedy = LAUNCH_USAGE): never {
  throw new AutomatorSimError(`[live-harness] Failed to launch automator-sim: ${reason}. ${remedy}`);
}

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const [command, ...rest] = argv;
  if (command !== 'auto') fail(`the command is ${JSON.stringify(command ?? '')}, and only "auto" (DevTools' automation mode) is served`);
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (BOOLEAN_FLAGS.includes(flag)) {
      flags.add(flag);
      continue;
    }
    if (!VALUE_FLAGS.includes(flag)) {
      const guess = nearest(flag, [...VALUE_FLAGS, ...BOOLEAN_FLAGS]);
      fail(`unknown option ${JSON.stringify(a)}${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    const v = inline ?? rest[++i];
    if (v === undefined || (inline === undefined && v.startsWith('--'))) fail(`${flag} needs a value`);
    values.set(flag, v);
  }
  const project = values.get('--project') ?? fail('--project is missing', 'Pass the mini-program project folder (where project.config.json or app.json is).');
  const portText = values.get('--auto-port') ?? fail('--auto-port is missing', 'Pass the port the automation server listens on.');
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--auto-port ${JSON.stringify(portText)} is not a port`, 'Pass an integer from 1 to 65535.');
  const clock = values.get('--clock') ?? 'virtual-time';
  if (clock !== 'virtual-time' && clock !== 'real-media') fail(`--clock ${JSON.stringify(clock)} is not available`, "Use 'virtual-time' or 'real-media'.");
  const live = values.get('--live') ?? 'mock';
  if (live !== 'mock' && live !== 'inert') fail(`--live ${JSON.stringify(live)} is not available`, "Use 'mock' or 'inert'.");
  return {
    project,
    port,
    account: values.get('--auto-account'),
    ticket: values.get('--ticket'),
    trustProject: flags.has('--trust-project'),
    clock,
    seed: values.get('--seed'),
    live,
  };
}
