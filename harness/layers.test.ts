/**
 * The layering of design.md, checked by machine: the model knows nothing of
 * sockets or processes, the mocks know nothing of the harness, and nothing
 * reaches into another layer except through its index.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) {
      if (name !== '__fixtures__') out.push(...sources(p));
    } else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('layers', () => {
  it('keeps node:child_process, net and the harness out of mocks/', () => {
    const offences: string[] = [];
    for (const f of sources('mocks')) {
      for (const i of imports(f)) {
        if (/^(node:)?(child_process|net|dgram|http|https|tls)$/.test(i)) offences.push(`${f} imports ${i}`);
        if (i.includes('/harness/') || i.startsWith('../../harness')) offences.push(`${f} imports ${i}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('keeps the model free of sockets, links implementations and components', () => {
    const offences = sources('mocks/model').flatMap((f) =>
      imports(f)
        .filter((i) => i.includes('/components') || i.includes('/virtual/') || i.startsWith('node:'))
        .map((i) => `${f} imports ${i}`),
    );
    expect(offences).toEqual([]);
  });

  it('never imports scenarios/ from harness/ or mocks/', () => {
    const offences = [...sources('harness'), ...sources('mocks')].flatMap((f) =>
      imports(f)
        .filter((i) => i.includes('scenarios'))
        .map((i) => `${f} imports ${i}`),
    );
    expect(offences).toEqual([]);
  });

  it('keeps harness/media below the rig: no rig, runner, page or cli in it', () => {
    const offences = sources('harness/media').flatMap((f) =>
      imports(f)
        .filter((i) => /^\.\.\/(rig|runner|page|cli)(\/|$)/.test(i))
        .map((i) => `${f} imports ${i}`),
    );
    expect(offences).toEqual([]);
  });

  it('crosses harness layers only through their index', () => {
    const layers = ['record', 'assert', 'rig', 'runner', 'page', 'media', 'cli'];
    const offences: string[] = [];
    for (const f of sources('harness')) {
      const own = relative('harness', f).split('/')[0];
      for (const i of imports(f)) {
        const m = /^\.\.\/(\w+)\/(.+)$/.exec(i);
        if (m && layers.includes(m[1]) && m[1] !== own) offences.push(`${f} imports ${i} (use ../${m[1]})`);
      }
    }
    expect(offences).toEqual([]);
  });
});
