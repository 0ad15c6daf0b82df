/**
 * The matcher types as a TypeScript user meets them: the global `expect` and
 * `import { expect } from '@jest/globals'` both know toHaveSequence,
 * toNeverHave and toHaveCount, and reject wrong arguments. tsc compiles the
 * two files of __fixtures__/matcher-types (their @ts-expect-error lines fail
 * the compile if the types ever go loose).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const tsc = join(__dirname, '../../node_modules/typescript/bin/tsc');
const project = join(__dirname, '__fixtures__/matcher-types/tsconfig.json');

describe('the timeline matcher types', () => {
  it('type-checks a test that uses the global expect and one that imports expect from @jest/globals', () => {
    const r = spawnSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { encoding: 'utf8', timeout: 120_000 });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
