/**
 * `npm run docs:scenarios`: writes docs/scenarios.md from the scenario schema
 * (harness/runner/scenario-schema.ts), with what each model parameter is taken
 * from the comments of mocks/model/params.ts, formatted as `npm run lint` wants it.
 * harness/runner/scenario-doc.test.ts fails until it is run again after either changes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { renderScenariosDoc } from '../harness/runner';

export const SCENARIOS_DOC = join(__dirname, '../docs/scenarios.md');

/**
 * The one-line comment above each field of ModelParams, without the
 * references to the project's research notes ("(Q1, §8.3)"), which a reader
 * of the docs does not have.
 */
export function paramDocs(): Record<string, string> {
  const source = readFileSync(join(__dirname, '../mocks/model/params.ts'), 'utf8');
  const body = /export interface ModelParams \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/\/\*\*\s*(.*?)\s*\*\/\s*\n\s*(\w+):/g))
    out[m[2]] = m[1]
      .replace(/(?:\bQ\d+|§\d+(?:\.\d+)*|\bS\d+)\b(?::\s*|,\s*|;\s*)?/g, '')
      .replace(/,\s*\)/g, ')')
      .replace(/\s\(\s*\)/g, '')
      .replace(/\s+([.,;])/g, '$1')
      .replace(/\s{2,}/g, ' ')
      .trim();
  return out;
}

/** The text docs/scenarios.md must have. Prettier runs in a process of its own: its plugins load by dynamic import, which jest's module system refuses. */
export function scenariosDoc(): string {
  const cli = createRequire(__filename).resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [cli, '--stdin-filepath', SCENARIOS_DOC], { input: renderScenariosDoc(paramDocs()), encoding: 'utf8' });
}

// Run as a script (not when the test imports it to compare).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === __filename) {
  writeFileSync(SCENARIOS_DOC, scenariosDoc());
  console.log(`wrote ${SCENARIOS_DOC}`);
}
