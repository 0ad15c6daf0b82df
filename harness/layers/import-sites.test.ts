import { importSites } from './import-sites';

const sites = (text: string, file = 'x.ts') => importSites(file, text).map(({ specifier, form, typeOnly, line }) => ({ specifier, form, typeOnly, line }));

describe('importSites', () => {
  it('finds every form a TypeScript file can name a module in, with its line', () => {
    const text = [
      "import { a } from './a';",
      "import b from './b';",
      "import * as c from './c';",
      "export { d } from './d';",
      "export * from './e';",
      "import './f';",
      "const g = () => import('./g');",
      "const h = require('./h');",
      "const i = require.resolve('./i');",
      "import j = require('./j');",
      "jest.mock('./k', () => ({}));",
      "jest.requireActual('./l');",
    ].join('\n');
    expect(sites(text)).toEqual([
      { specifier: './a', form: 'import', typeOnly: false, line: 1 },
      { specifier: './b', form: 'import', typeOnly: false, line: 2 },
      { specifier: './c', form: 'import', typeOnly: false, line: 3 },
      { specifier: './d', form: 'export', typeOnly: false, line: 4 },
      { specifier: './e', form: 'export', typeOnly: false, line: 5 },
      { specifier: './f', form: 'side-effect', typeOnly: false, line: 6 },
      { specifier: './g', form: 'dynamic', typeOnly: false, line: 7 },
      { specifier: './h', form: 'require', typeOnly: false, line: 8 },
      { specifier: './i', form: 'require.resolve', typeOnly: false, line: 9 },
      { specifier: './j', form: 'import-equals', typeOnly: false, line: 10 },
      { specifier: './k', form: 'jest.mock', typeOnly: false, line: 11 },
      { specifier: './l', form: 'jest.mock', typeOnly: false, line: 12 },
    ]);
  });

  it('marks as type-only exactly the imports that TypeScript erases', () => {
    const text = [
      "import type { A } from './type-import';",
      "import { type B, type C } from './all-inline-types';",
      "import { type D, e } from './one-value';",
      "import f, { type G } from './default-value';",
      "export type { H } from './type-export';",
      "export { type I } from './inline-type-export';",
      "export * as j from './namespace-export';",
      "let k: typeof import('./type-query');",
      "let l: import('./type-reference').L;",
    ].join('\n');
    expect(sites(text).map((s) => [s.specifier, s.typeOnly])).toEqual([
      ['./type-import', true],
      ['./all-inline-types', true],
      ['./one-value', false],
      ['./default-value', false],
      ['./type-export', true],
      ['./inline-type-export', true],
      ['./namespace-export', false],
      ['./type-query', true],
      ['./type-reference', true],
    ]);
  });

  it('reads require and require.resolve in CommonJS files', () => {
    const text = "const net = require('node:net');\nmodule.exports = { entry: require.resolve('./dist/jest/setup.js') };\n";
    expect(sites(text, 'preset.cjs')).toEqual([
      { specifier: 'node:net', form: 'require', typeOnly: false, line: 1 },
      { specifier: './dist/jest/setup.js', form: 'require.resolve', typeOnly: false, line: 2 },
    ]);
  });

  it('reports a module named at run time as computed, with its text', () => {
    const found = importSites('x.ts', 'const load = (id: string) => require(id);\nconst m = import(`./${name}`);\n');
    expect(found.map((s) => [s.specifier, s.form, s.text])).toEqual([
      [undefined, 'require', 'require(id)'],
      [undefined, 'dynamic', 'import(`./${name}`)'],
    ]);
  });

  it('ignores module names in comments and strings, and require methods of other objects', () => {
    const text = [
      "// import { x } from '../harness';",
      "/* require('node:net') */",
      'const s = "import y from \'../rig\'";',
      "const t = `export * from '../cli'`;",
      "opts.require('node:child_process');",
      "const other = { mock: (m: string) => m }; other.mock('./m');",
    ].join('\n');
    expect(sites(text)).toEqual([]);
  });
});
