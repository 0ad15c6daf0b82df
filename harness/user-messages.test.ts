/**
 * What users read — warnings, errors, errMsg, code notes — carries no
 * reference to the project's internal notes ("(Q4)", "§8.5"): where a quirk
 * explains a message, the message links docs/quirks.md, and the link resolves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== '__fixtures__') out.push(...sources(p));
    } else if (/\.(ts|cjs|js)$/.test(p) && !/\.test\.ts$/.test(p)) out.push(p);
  }
  return out;
}

/** The code of a file without its comments (a `//` only counts after a space, so URLs stay). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

// harness/coverage is the coverage table of the reference: it names test titles, which cite the reference's sections by
// design, and nothing of it reaches a user's console.
const files = [...sources(join(root, 'mocks')), ...sources(join(root, 'harness'))].filter((f) => !relative(root, f).startsWith(join('harness', 'coverage')));

describe('user-facing text', () => {
  it('has no internal references such as (Q4) or §8.5 in code, only in comments', () => {
    const offences = files.flatMap((f) =>
      withoutComments(readFileSync(f, 'utf8'))
        .split('\n')
        .filter((line) => /\(Q\d+|\bQ\d+\)|§/.test(line))
        .map((line) => `${relative(root, f)}: ${line.trim()}`),
    );
    expect(offences).toEqual([]);
  });

  it('links quirks that docs/quirks.md really has', () => {
    const anchors = new Set([...readFileSync(join(root, 'docs/quirks.md'), 'utf8').matchAll(/^### (Q\d+)$/gm)].map((m) => m[1].toLowerCase()));
    expect(anchors.size).toBe(16);
    const links = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/docs\/quirks\.md#(q\d+)/g)].map((m) => m[1]));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((a) => !anchors.has(a))).toEqual([]);
  });
});
