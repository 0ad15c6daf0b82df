/**
 * What the package publishes: the layers a user imports, and none of the
 * project's own test tooling. mocks/testing (ModelKit, the model on its own for
 * the model's unit tests) and harness/layers (this checker) stay out, and so do
 * tests and fixtures: the build does not compile them, and package.json
 * "files" leaves them out of the tarball even when an older build left them in
 * dist/. Nothing public can re-export them: the compiler would then compile
 * them whatever the build's "exclude" says, which the first test would see.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../..');
const UNPUBLISHED = /^(dist\/)?(mocks\/testing|harness\/layers)\/|\.test\.(ts|js|d\.ts)$|__fixtures__/;

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe('the published package', () => {
  it('compiles no testing kit, layer checker, test or fixture into dist/', () => {
    const compiled = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--listFilesOnly'])
      .split('\n')
      .filter((f) => f.startsWith(root) && !f.includes('/node_modules/'))
      .map((f) => relative(root, f));
    expect(compiled).toEqual(expect.arrayContaining(['index.ts', 'mocks/model/index.ts', 'mocks/link/index.ts', 'jest/setup.ts']));
    expect(compiled.filter((f) => UNPUBLISHED.test(f))).toEqual([]);
  });

  it('packs the built layers and leaves the testing kit and the layer checker out, whatever dist/ holds', () => {
    if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it in pretest).');
    const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'])) as { files: { path: string }[] }[];
    const files = pack.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.d.ts',
        'dist/mocks/model/index.js',
        'dist/jest/setup.js',
        'bin/live-harness.js',
        'jest-preset.js',
        'dist/harness/report/results.schema.json',
      ]),
    );
    expect(files.filter((f) => UNPUBLISHED.test(f))).toEqual([]);
  });
});
