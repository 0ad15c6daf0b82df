import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { faultsDoc, FAULTS_DOC } from '../../scripts/docs-faults';
import { FAULT_VERBS } from './faults';
import { renderFaultsDoc } from './faults-doc';

describe('docs/faults.md', () => {
  it('is what npm run docs:faults writes from the fault vocabulary', () => {
    const written = readFileSync(FAULTS_DOC, 'utf8');
    const expected = faultsDoc();
    if (written !== expected) throw new Error(`${relative(process.cwd(), FAULTS_DOC)} is out of date with mocks/link/faults.ts: run npm run docs:faults.`);
    expect(written).toBe(expected);
  });

  it('documents every verb in a section of its own', () => {
    const text = renderFaultsDoc();
    for (const v of FAULT_VERBS) expect(text).toContain(`\n## ${v}\n`);
  });
});
