/**
 * `live-harness trace replay <file>`: replays a trace (docs/traces.md)
 * against the model in virtual time and prints where the model's sequence or
 * timing differs from the real client's, with the agreement figure.
 */
import { nearest } from '../../mocks/model';
import { loadTrace, renderReplay, replayTrace } from '../trace';

/** A command-line mistake in `trace …` (the same code as the CLI's other ones). */
export class CliError extends Error {
  readonly code = 'LH_CLI';
}

export const TRACE_USAGE = `  live-harness trace replay <trace.json> [--seed N] [--network wifi|4g|3g|weak|loopback] [--tolerance MS]
      Replays a saved device run (fixtures/traces/*.json) against the model in
      virtual time and prints, per element, the real and the model's events
      side by side (= matched, ~ matched but late or early, - only real,
      + only the model), then the agreement figure. Exit code 0 when it
      replayed, 2 when the trace does not load.`;

export async function traceCommand(argv: readonly string[], print: (s: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'replay')
    throw new CliError(
      `[live-harness] Failed to read the command line: trace ${sub === undefined ? 'needs a subcommand' : `has no subcommand ${JSON.stringify(sub)}`}.${sub && nearest(sub, ['replay']) ? ' Did you mean "replay"?' : ''} Use:\n${TRACE_USAGE}`,
    );
  let file: string | undefined;
  let seed: number | undefined;
  let network: string | undefined;
  let toleranceMs: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(`[live-harness] Failed to read the command line: ${a} needs a value. Use:\n${TRACE_USAGE}`);
      return v;
    };
    const number = (v: string): number => {
      const n = Number(v);
      if (!Number.isFinite(n))
        throw new CliError(`[live-harness] Failed to read the command line: ${a} ${JSON.stringify(v)} is not a number. Give it as digits, e.g. ${a} 500.`);
      return n;
    };
    if (a === '--seed') seed = number(value());
    else if (a === '--network') network = value();
    else if (a === '--tolerance') toleranceMs = number(value());
    else if (a.startsWith('--')) throw new CliError(`[live-harness] Failed to read the command line: unknown option ${a}. Use:\n${TRACE_USAGE}`);
    else if (file === undefined) file = a;
    else
      throw new CliError(
        `[live-harness] Failed to read the command line: trace replay takes one file, got ${JSON.stringify(file)} and ${JSON.stringify(a)}. Replay them one at a time.`,
      );
  }
  if (!file) throw new CliError(`[live-harness] Failed to read the command line: trace replay needs a trace file. Use:\n${TRACE_USAGE}`);
  const trace = loadTrace(file);
  const report = await replayTrace(trace, {
    ...(seed !== undefined ? { seed } : {}),
    ...(network ? { network } : {}),
    ...(toleranceMs !== undefined ? { toleranceMs } : {}),
  });
  print(renderReplay(report, trace, file));
  return 0;
}
