/**
 * `npm run docs:faults`: writes docs/faults.md from the fault vocabulary
 * (mocks/link/faults.ts), formatted as `npm run lint` wants it.
 * mocks/link/faults-doc.test.ts fails until it is run again after the list changes.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { renderFaultsDoc } from '../mocks/link';

export const FAULTS_DOC = join(__dirname, '../docs/faults.md');

/** The text docs/faults.md must have. Prettier runs in a process of its own: its plugins load by dynamic import, which jest's module system refuses. */
export function faultsDoc(): string {
  const cli = createRequire(__filename).resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [cli, '--stdin-filepath', FAULTS_DOC], { input: renderFaultsDoc(), encoding: 'utf8' });
}

// Run as a script (not when the test imports it to compare).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === __filename) {
  writeFileSync(FAULTS_DOC, faultsDoc());
  console.log(`wrote ${FAULTS_DOC}`);
}
