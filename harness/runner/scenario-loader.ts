/**
 * The one way scenarios are found and loaded — by the command line, the jest
 * adapters and the benches: files and folders in, validated scenarios with
 * their file out. A wrong file fails here, naming the file and the fix,
 * before anything runs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Scenario } from './scenario';
import { ScenarioError, validateScenario } from './validate-scenario';

export interface LoadedScenario {
  /** absolute path of the file it came from */
  readonly file: string;
  readonly scenario: Scenario;
}

export class ScenarioLoadError extends Error {
  readonly code = 'LH_SCENARIO_LOAD';
  constructor(
    message: string,
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ScenarioLoadError';
  }
}

/** What a folder contributes: `*.scenario.ts` and `*.scenario.js` (not `.d.ts`). */
const SCENARIO_FILE = /\.scenario\.(ts|js)$/;
const LOADABLE = ['.ts', '.js', '.cjs'];

/**
 * Scenario files under the given paths: a folder gives its scenario files
 * (subfolders too, sorted), a file is taken as it is. Paths are resolved
 * against the working directory.
 */
export function findScenarioFiles(paths: string | readonly string[]): string[] {
  const out: string[] = [];
  for (const p of typeof paths === 'string' ? [paths] : paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new ScenarioLoadError(`[live-harness] Failed to load scenario file ${abs}: it does not exist. Check the path.`, abs);
    if (statSync(abs).isDirectory()) {
      const found = scenarioFilesIn(abs);
      if (found.length === 0)
        throw new ScenarioLoadError(
          `[live-harness] Failed to load scenarios from ${abs}: the folder holds no *.scenario.ts or *.scenario.js file. Name scenario files like push-happy-path.scenario.ts, or pass the files themselves.`,
          abs,
        );
      out.push(...found);
    } else {
      if (!LOADABLE.includes(extname(abs)))
        throw new ScenarioLoadError(
          `[live-harness] Failed to load scenario file ${abs}: ${JSON.stringify(extname(abs))} is not a module. Pass a ${LOADABLE.join(', ')} file.`,
          abs,
        );
      out.push(abs);
    }
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

/** Finds (see findScenarioFiles), loads and validates; two scenarios may not share a name. */
export function loadScenarios(paths: string | readonly string[]): LoadedScenario[] {
  const loaded = findScenarioFiles(paths).map(loadScenarioFile);
  const byName = new Map<string, string>();
  for (const { file, scenario } of loaded) {
    const other = byName.get(scenario.name);
    if (other !== undefined)
      throw new ScenarioLoadError(
        `[live-harness] Failed to load scenario file ${file}: its name ${JSON.stringify(scenario.name)} is already the name of ${other}. Give every scenario a unique name: reports and test titles go by it.`,
        file,
      );
    byName.set(scenario.name, file);
  }
  return loaded;
}

export function loadScenarioFile(path: string): LoadedScenario {
  const file = resolve(path);
  if (!existsSync(file)) throw new ScenarioLoadError(`[live-harness] Failed to load scenario file ${file}: it does not exist. Check the path.`, file);
  let mod: unknown;
  try {
    mod = requireModule(file);
  } catch (e) {
    if (e instanceof ScenarioLoadError) throw e;
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
    validateScenario(exported);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    // The validator's text names the scenario; name the file too.
    const prefix = `[live-harness] Failed to load scenario ${JSON.stringify(exported.name)}:`;
    const message = e.message.startsWith(prefix)
      ? `[live-harness] Failed to load scenario ${JSON.stringify(exported.name)} from ${file}:${e.message.slice(prefix.length)}`
      : `[live-harness] Failed to load scenario file ${file}: ${e.message}`;
    throw new ScenarioLoadError(message, file, { cause: e });
  }
  return { file, scenario: exported };
}

function looksLikeScenario(v: unknown): v is Scenario {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && 'expect' in v;
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
