/**
 * `npm run docs:results`: writes docs/results-schema.md from results.json's
 * JSON Schema (harness/report/results.schema.json), formatted as `npm run lint`
 * wants it. harness/report/results-doc.test.ts fails until it is run again
 * after the schema changes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { renderResultsDoc, type SchemaNode } from '../harness/report';

export const RESULTS_DOC = join(__dirname, '../docs/results-schema.md');
export const RESULTS_SCHEMA = join(__dirname, '../harness/report/results.schema.json');

/** The text docs/results-schema.md must have. Prettier runs in a process of its own (its plugins load by dynamic import, which jest refuses). */
export function resultsDoc(): string {
  const schema = JSON.parse(readFileSync(RESULTS_SCHEMA, 'utf8')) as SchemaNode;
  const cli = createRequire(__filename).resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [cli, '--stdin-filepath', RESULTS_DOC], { input: renderResultsDoc(schema), encoding: 'utf8' });
}

// Run as a script (not when the test imports it to compare).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === __filename) {
  writeFileSync(RESULTS_DOC, resultsDoc());
  console.log(`wrote ${RESULTS_DOC}`);
}
