/**
 * Reads one command's arguments through `node:util` parseArgs, and words its
 * mistakes in the CLI's error grammar: an unknown option with the nearest
 * known one, an option missing its value, a switch given a value.
 */
import { parseArgs } from 'node:util';
import { nearest } from '../../mocks/model';

/** A command-line mistake: printed as it is, exit code 2. */
export class CliError extends Error {
  readonly code = 'LH_CLI';
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** may be given more than once (string options only) */
  readonly multiple?: boolean;
  /** what to show in "needs a value. Pass …" */
  readonly example?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
  /** --help or -h was given: the command prints its usage and does nothing else */
  readonly help: boolean;
}

const HELP: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

/**
 * Parses `argv` (what follows the command's name) against `specs`. Every
 * command takes --help. `usageHint` ends the errors (e.g. "Run live-harness
 * run --help for its options.").
 */
export function parseCommand(command: string, argv: readonly string[], specs: OptionSpecs, usageHint: string): ParsedArgs {
  const all: OptionSpecs = { ...specs, ...HELP };
  // Non-strict, with tokens: parseArgs splits the line (--x=v, -h, --), and the checks below word each mistake.
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(all).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean | string[] | undefined> = {};
  const positionals: string[] = [];
  const known = Object.keys(all).map((n) => `--${n}`);
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const spec = all[t.name];
    if (!spec) {
      const near = t.rawName.startsWith('--') ? nearest(t.rawName, known) : undefined;
      throw new CliError(
        `[live-harness] Failed to read the command line: unknown option ${t.rawName}.${near ? ` Did you mean ${near}?` : ''} ${command} takes ${known.join(', ')}. ${usageHint}`,
      );
    }
    if (spec.type === 'boolean') {
      if (t.value !== undefined)
        throw new CliError(
          `[live-harness] Failed to read the command line: ${t.rawName} takes no value (got ${JSON.stringify(t.value)}). Pass ${t.rawName} alone.`,
        );
      values[t.name] = true;
      continue;
    }
    // parseArgs takes the next word as the value even when it is another option: that is a missing value.
    if (t.value === undefined || (t.inlineValue !== true && t.value.startsWith('--'))) {
      throw new CliError(
        `[live-harness] Failed to read the command line: ${t.rawName} needs a value.${spec.example ? ` Pass ${spec.example}.` : ''} ${usageHint}`.trimEnd(),
      );
    }
    if (spec.multiple) values[t.name] = [...((values[t.name] as string[] | undefined) ?? []), t.value];
    else values[t.name] = t.value;
  }
  const { help, ...rest } = values;
  return { values: rest, positionals, help: help === true };
}

/** A whole number in [min, max] from option `flag`, or a CliError naming it. */
export function wholeNumber(flag: string, v: string, min: number, example: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw new CliError(
      `[live-harness] Failed to read the command line: ${flag} ${JSON.stringify(v)} is not a whole number${min > 0 ? ` of ${min} or more` : ''}. Pass e.g. ${example}.`,
    );
  return Number(v);
}
