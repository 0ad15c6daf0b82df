/**
 * The one way scenarios are found and loaded — by the command line, the jest
 * adapters and the benches: files and folders in, validated scenarios with
 * their file out. A wrong file fails here, naming the file (and the line, when
 * it does not parse) and the fix, before anything runs. `loadScenarios` stops
 * at the first wrong file; `collectScenarios` goes on and returns the
 * problems of each.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { nearest } from '../../mocks/model';
import type { Scenario } from './scenario';
import { SCENARIO } from './scenario-schema';
import { syntaxLocation } from './syntax-location';
import { ScenarioError, validateScenario } from './validate-scenario';

export interface LoadedScenario {
  /** absolute path of the file it came from */
  readonly file: string;
  readonly scenario: Scenario;
}

export class ScenarioLoadError extends Error {
  readonly code = 'LH_SCENARIO_LOAD';
  /** where a file that does not parse goes wrong (from 1) */
  readonly line?: number;
  readonly column?: number;
  constructor(
    message: string,
    /** the file (or the path given) that is wrong */
    readonly file: string,
    options?: ErrorOptions & { readonly line?: number; readonly column?: number },
  ) {
    super(message, options);
    this.name = 'ScenarioLoadError';
    if (options?.line !== undefined) this.line = options.line;
    if (options?.column !== undefined) this.column = options.column;
  }
}

/** What collectScenarios found: the scenarios that load, and a problem for each path or file that does not. */
export interface ScenarioCollection {
  readonly scenarios: readonly LoadedScenario[];
  readonly problems: readonly ScenarioLoadError[];
}

/** What a folder contributes: `*.scenario.ts` and `*.scenario.js` (not `.d.ts`), and `*.scenario.cjs` (CommonJS in a "type": "module" package). */
const SCENARIO_FILE = /\.scenario\.(ts|js|cjs)$/;
const LOADABLE = ['.ts', '.js', '.cjs'];

/**
 * Scenario files under the given paths: a folder gives its scenario files
 * (subfolders too, sorted), a file is taken as it is. Paths are resolved
 * against the working directory.
 */
export function findScenarioFiles(paths: string | readonly string[]): string[] {
  return find(paths, (e) => {
    throw e;
  });
}

function find(paths: string | readonly string[], problem: (e: ScenarioLoadError) => void): string[] {
  const out: string[] = [];
  for (const p of typeof paths === 'string' ? [paths] : paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) problem(new ScenarioLoadError(`[live-harness] Failed to load scenario file ${abs}: it does not exist. Check the path.`, abs));
    else if (statSync(abs).isDirectory()) {
      const found = scenarioFilesIn(abs);
      if (found.length === 0)
        problem(
          new ScenarioLoadError(
            `[live-harness] Failed to load scenarios from ${abs}: the folder holds no *.scenario.ts or *.scenario.js file. Name scenario files like push-happy-path.scenario.ts, or pass the files themselves.`,
            abs,
          ),
        );
      out.push(...found);
    } else if (!LOADABLE.includes(extname(abs)))
      problem(
        new ScenarioLoadError(
          `[live-harness] Failed to load scenario file ${abs}: ${JSON.stringify(extname(abs))} is not a module. Pass a ${LOADABLE.join(', ')} file.`,
          abs,
        ),
      );
    else out.push(abs);
  }
  return [...new Set(out)];
}

function scenarioFilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...scenarioFilesIn(p));
    else if (SCENARIO_FILE.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Finds (see findScenarioFiles), loads and validates; two scenarios may not share a name. Throws at the first wrong path or file. */
export function loadScenarios(paths: string | readonly string[]): LoadedScenario[] {
  return [...collect(paths, true).scenarios];
}

/**
 * As loadScenarios, but every path and file is tried: the scenarios that
 * load come back with a problem for each that does not (a missing path, a
 * file that does not parse or validate, a name already taken), so a run can
 * report them all and go on with the rest.
 */
export function collectScenarios(paths: string | readonly string[]): ScenarioCollection {
  return collect(paths, false);
}

function collect(paths: string | readonly string[], stopAtFirst: boolean): ScenarioCollection {
  const problems: ScenarioLoadError[] = [];
  const scenarios: LoadedScenario[] = [];
  const problem = (e: ScenarioLoadError): void => {
    if (stopAtFirst) throw e;
    problems.push(e);
  };
  const byName = new Map<string, string>();
  for (const path of find(paths, problem)) {
    let loaded: LoadedScenario;
    try {
      loaded = loadScenarioFile(path);
    } catch (e) {
      if (!(e instanceof ScenarioLoadError)) throw e;
      problem(e);
      continue;
    }
    const { file, scenario } = loaded;
    const other = byName.get(scenario.name);
    if (other !== undefined) {
      problem(
        new ScenarioLoadError(
          `[live-harness] Failed to load scenario file ${file}: its name ${JSON.stringify(scenario.name)} is already the name of ${other}. Give every scenario a unique name: reports and test titles go by it.`,
          file,
        ),
      );
      continue;
    }
    byName.set(scenario.name, file);
    scenarios.push(loaded);
  }
  return { scenarios, problems };
}

export function loadScenarioFile(path: string): LoadedScenario {
  const file = resolve(path);
  if (!existsSync(file)) throw new ScenarioLoadError(`[live-harness] Failed to load scenario file ${file}: it does not exist. Check the path.`, file);
  let mod: unknown;
  try {
    mod = requireModule(file);
  } catch (e) {
    if (e instanceof ScenarioLoadError) throw e;
    const at = syntaxLocation(file, e);
    if (at)
      throw new ScenarioLoadError(
        `[live-harness] Failed to load scenario file ${file}: it does not parse at line ${at.line}, column ${at.column}: ${at.reason}${at.lineText ? ` (${JSON.stringify(at.lineText)})` : ''}. Fix the syntax at ${file}:${at.line}:${at.column}.`,
        file,
        { cause: e, line: at.line, column: at.column },
      );
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new ScenarioLoadError(
      `[live-harness] Failed to load scenario file ${file}: loading it threw "${reason}". Fix the file (the cause has the whole error).`,
      file,
      { cause: e },
    );
  }
  const exported = (mod as { default?: unknown } | null)?.default ?? mod;
  if (!looksLikeScenario(exported))
    throw new ScenarioLoadError(
      `[live-harness] Failed to load scenario file ${file}: it exports no scenario (its default export is ${describeExport(exported)}). Export one with "export default defineScenario({ name, description, setup, duration, expect })".`,
      file,
    );
  try {
    validateScenario(exported, { file });
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new ScenarioLoadError(e.message, file, { cause: e });
  }
  return { file, scenario: exported };
}

/** An object with a key of a scenario, or a misspelling of one: validation names what is wrong with it. */
function looksLikeScenario(v: unknown): v is Scenario {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(SCENARIO.fields);
  return Object.keys(v).some((k) => keys.includes(k) || nearest(k, keys) !== undefined);
}

function describeExport(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'function') return `a function${v.name ? ` (${v.name})` : ''}`;
  if (typeof v !== 'object') return `a ${typeof v}`;
  const keys = Object.keys(v);
  return keys.length ? `an object with ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}` : 'an empty object';
}

/**
 * Under jest (which transforms TypeScript itself and has no Node loader
 * table) or a TypeScript-aware Node (tsx, ts-node: they register ".ts"), a
 * plain require does. Under plain Node, a .ts file goes through tsx, scoped
 * to this one require so nothing global changes.
 */
function requireModule(file: string): unknown {
  const loaders = (require as unknown as { extensions?: Record<string, unknown> }).extensions ?? {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a scenario is a module found at run time
  if (extname(file) !== '.ts' || !('.js' in loaders) || '.ts' in loaders) return require(file);
  let tsx: { require: (id: string, from: string) => unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: only .ts scenarios under plain Node need it
    tsx = require('tsx/cjs/api') as typeof tsx;
  } catch (e) {
    throw new ScenarioLoadError(
      `[live-harness] Failed to load scenario file ${file}: a .ts scenario needs tsx, which is not installed. Run "npm i -D tsx", or compile the scenario to .js.`,
      file,
      { cause: e },
    );
  }
  return tsx.require(file, __filename);
}
