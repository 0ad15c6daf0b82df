/**
 * `npm run docs:coverage`: writes docs/coverage.md from harness/coverage/items.ts,
 * formatted as `npm run lint` wants it. harness/coverage/coverage.test.ts fails until
 * it is run again after the items change.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { COVERAGE_ITEMS, renderCoverageDoc } from '../harness/coverage';

export const COVERAGE_DOC = join(__dirname, '../docs/coverage.md');

/** The text docs/coverage.md must have (prettier in a process of its own, as for the other docs). */
export function coverageDoc(): string {
  const cli = createRequire(__filename).resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [cli, '--stdin-filepath', COVERAGE_DOC], { input: renderCoverageDoc(COVERAGE_ITEMS), encoding: 'utf8' });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === __filename) {
  writeFileSync(COVERAGE_DOC, coverageDoc());
  console.log(`wrote ${COVERAGE_DOC}`);
}
