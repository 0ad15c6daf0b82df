/**
 * doctor's checks for the automation protocol: which miniprogram-automator a
 * script here would load (the project's own, else the one live-harness ships
 * with), and whether it is new enough for what docs/automator-*.md describe.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Check } from './check';

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
