import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync as esbuild } from 'esbuild';
import { transformSync as swc } from '@swc/core';
import { syntaxLocation } from './syntax-location';

// Line 3 has a second comma at column 38, where every compiler stops.
const BROKEN = ['export default {', "  name: 'broken',", "  setup: { page: 'pages/push/push' },,", "  duration: '5s',", '};', ''].join('\n');
const UNFINISHED = ['export default {', "  name: 'unfinished',", '  expect: { sequence: [1002,', ''].join('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lh-syntax-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the compiler to refuse the file');
}

describe('syntaxLocation', () => {
  it('reads the line and column from esbuild, as tsx reports a .ts file under plain Node', () => {
    const f = file('a.scenario.ts', BROKEN);
    expect(
      syntaxLocation(
        f,
        thrown(() => esbuild(BROKEN, { loader: 'ts', sourcefile: f })),
      ),
    ).toEqual({
      line: 3,
      column: 38,
      reason: 'Expected identifier but found ","',
      lineText: "setup: { page: 'pages/push/push' },,",
    });
    const g = file('b.scenario.ts', UNFINISHED);
    expect(
      syntaxLocation(
        g,
        thrown(() => esbuild(UNFINISHED, { loader: 'ts', sourcefile: g })),
      ),
    ).toEqual({ line: 4, column: 1, reason: 'Unexpected end of file' });
  });

  it('reads the line and column from swc, as jest reports a .ts file', () => {
    const f = file('c.scenario.ts', BROKEN);
    expect(
      syntaxLocation(
        f,
        thrown(() => swc(BROKEN, { filename: f, jsc: { parser: { syntax: 'typescript' } } })),
      ),
    ).toEqual({
      line: 3,
      column: 38,
      reason: 'Unexpected token `,`. Expected identifier, string literal, numeric literal or [ for the computed key',
      lineText: "setup: { page: 'pages/push/push' },,",
    });
    const g = file('d.scenario.ts', UNFINISHED);
    expect(
      syntaxLocation(
        g,
        thrown(() => swc(UNFINISHED, { filename: g, jsc: { parser: { syntax: 'typescript' } } })),
      ),
    ).toEqual({
      line: 3,
      column: 30,
      reason: 'Expression expected',
      lineText: 'expect: { sequence: [1002,',
    });
  });

  it('asks V8 where a .js file goes wrong, whatever the error that reached the loader says', () => {
    const f = file('e.scenario.js', BROKEN.replace('export default', 'module.exports ='));
    // jest hands over a SyntaxError whose stack no longer has the place.
    const bare = Object.assign(new Error('Unexpected token'), { name: 'SyntaxError' });
    expect(syntaxLocation(f, bare)).toEqual({ line: 3, column: 38, reason: "Unexpected token ','", lineText: "setup: { page: 'pages/push/push' },," });
    const g = file('f.scenario.js', UNFINISHED.replace('export default', 'module.exports ='));
    expect(syntaxLocation(g, bare)).toEqual({ line: 4, column: 1, reason: 'Unexpected end of input' });
  });

  it('finds nothing when the file parses and only throws while it runs', () => {
    const f = file('g.scenario.js', "module.exports = JSON.parse('{ not json');\n");
    expect(
      syntaxLocation(
        f,
        thrown(() => JSON.parse('{ not json')),
      ),
    ).toBeUndefined();
    expect(syntaxLocation(f, new Error('Cannot find module "./helpers"'))).toBeUndefined();
  });
});
