/**
 * doctor's checks for the automation protocol: which miniprogram-automator a
 * script here would load (the project's own, else the one live-harness ships
 * with), whether it is new enough for what docs/automator-*.md describe, and a
 * real round trip: an AutomatorSim started, the real client connected, one
 * Tool.getInfo timed, both closed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import automator from 'miniprogram-automator';
import { AutomatorSim } from '../automator-sim';
import { installDom } from '../runner';
import type { Check } from './check';
import { packageRoot } from './package-root';

/** The client version the protocol notes were measured with. */
export const AUTOMATOR_CLIENT_MIN = '0.12.1';

export interface AutomatorClientOptions {
  /** folders to resolve the client from, first found wins (default: the working directory, then live-harness itself) */
  readonly from?: readonly string[];
}

function compare(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map(Number);
  const pb = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function find(dirs: readonly string[]): { dir: string; path: string; version: string } | undefined {
  for (const dir of dirs) {
    let path: string;
    try {
      path = createRequire(join(dir, 'noop.js')).resolve('miniprogram-automator/package.json');
    } catch {
      continue;
    }
    const version = String((JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown }).version ?? '');
    return { dir, path, version };
  }
  return undefined;
}

export function checkAutomatorClient(o: AutomatorClientOptions = {}): Check {
  const label = 'automator client';
  const dirs = o.from ?? [process.cwd(), __dirname];
  const found = find(dirs);
  const install = `npm install --save-dev miniprogram-automator@${AUTOMATOR_CLIENT_MIN}`;
  if (!found)
    return {
      label,
      ok: false,
      lines: [`miniprogram-automator is not installed (looked from ${dirs.join(', ')})`, `fix: ${install}`],
    };
  const where = `${found.path.replace(/[\\/]package\.json$/, '')}`;
  if (!/^\d+\.\d+\.\d+/.test(found.version) || compare(found.version, AUTOMATOR_CLIENT_MIN) < 0)
    return {
      label,
      ok: false,
      lines: [
        `miniprogram-automator ${found.version || '(no version)'} at ${where} is older than ${AUTOMATOR_CLIENT_MIN}, the version the protocol is measured against`,
        `fix: ${install}`,
      ],
    };
  const lines = [`miniprogram-automator ${found.version} at ${where}`];
  if (compare(found.version, '0.13.0') >= 0)
    lines.push(`newer than the measured ${AUTOMATOR_CLIENT_MIN}: if a script misbehaves, check with DEBUG=automator:protocol against docs/automator-sim.md`);
  return { label, ok: true, lines };
}

export interface AutomatorSimCheckOptions {
  /** the mini-program automator-sim hosts (default: the bundled sample) */
  readonly miniprogramRoot?: string;
  /** budget for the whole round trip, ms: a request the client sends has no timeout of its own */
  readonly timeoutMs?: number;
}

/** Start an AutomatorSim, connect the real client, time a Tool.getInfo, and stop both. */
export async function checkAutomatorSim(o: AutomatorSimCheckOptions = {}): Promise<Check> {
  const label = 'automator-sim';
  const root = o.miniprogramRoot ?? join(packageRoot(), 'fixtures', 'miniprogram');
  const timeoutMs = o.timeoutMs ?? 20_000;
  if (!existsSync(join(root, 'app.json')))
    return { label, ok: false, lines: [`${join(root, 'app.json')} does not exist`, 'fix: reinstall live-harness (its sample mini-program is missing)'] };
  // The mini-program renders in a DOM; the CLI has none of its own.
  const removeDom = typeof document === 'undefined' ? installDom() : undefined;
  let sim: AutomatorSim | undefined;
  let mp: Awaited<ReturnType<typeof automator.connect>> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let step = 'starting automator-sim';
  let budgetHit = false;
  const closeAll = async (): Promise<void> => {
    mp?.disconnect();
    await sim?.stop().catch(() => undefined);
  };
  const t0 = performance.now();
  const work = (async () => {
    sim = await AutomatorSim.start({ miniprogramRoot: root });
    step = `connecting the real client to ${sim.wsEndpoint}`;
    // connect() itself sends Tool.getInfo and checks SDKVersion.
    mp = await automator.connect({ wsEndpoint: sim.wsEndpoint });
    const connectedMs = performance.now() - t0;
    step = 'sending Tool.getInfo';
    const t1 = performance.now();
    const info = (await (mp as unknown as { send(method: string, params: object): Promise<{ SDKVersion?: string }> }).send('Tool.getInfo', {})) ?? {};
    const roundTripMs = performance.now() - t1;
    return [
      `started on ${sim.wsEndpoint} and connected the real client in ${connectedMs.toFixed(0)} ms`,
      `Tool.getInfo round trip ${roundTripMs.toFixed(1)} ms: SDKVersion ${String(info.SDKVersion)}`,
    ];
  })();
  try {
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        budgetHit = true;
        reject(new Error(`no answer within ${timeoutMs} ms (while ${step})`));
      }, timeoutMs);
    });
    const lines = await Promise.race([work, budget]);
    return { label, ok: true, lines: [...lines, 'client disconnected, server stopped'] };
  } catch (e) {
    return {
      label,
      ok: false,
      lines: [
        `[live-harness] Failed to make a round trip to automator-sim: ${e instanceof Error ? e.message : String(e)}`,
        'fix: run with DEBUG=automator:protocol to see every frame; if the client is the problem, the automator client check above says which one is loaded',
      ],
    };
  } finally {
    clearTimeout(timer);
    await closeAll();
    // Past the budget the work may still be under way: what it opens later is closed when it ends.
    if (budgetHit)
      void work
        .catch(() => undefined)
        .then(async () => {
          await closeAll();
          removeDom?.();
        });
    else removeDom?.();
  }
}
