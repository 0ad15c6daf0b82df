import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { DEFAULT_PARAMS } from '../../mocks/model';
import { paramDocs, scenariosDoc, SCENARIOS_DOC } from '../../scripts/docs-scenarios';
import { renderScenariosDoc } from './scenario-doc';
import { ACTION_FORMS, SECTIONS, STRING_ACTIONS } from './scenario-schema';

describe('docs/scenarios.md', () => {
  it('is what npm run docs:scenarios writes from the scenario schema', () => {
    const written = readFileSync(SCENARIOS_DOC, 'utf8');
    const expected = scenariosDoc();
    if (written !== expected)
      throw new Error(`${relative(process.cwd(), SCENARIOS_DOC)} is out of date with harness/runner/scenario-schema.ts: run npm run docs:scenarios.`);
    expect(written).toBe(expected);
  });

  it('documents every key of every section in a row of its own, every action and every model parameter', () => {
    const text = renderScenariosDoc(paramDocs());
    for (const s of SECTIONS) {
      expect(text).toContain(`\n## ${s.name}\n`);
      for (const key of Object.keys(s.fields)) expect(text).toMatch(new RegExp(`\\n\\| \`${key}\`( \\(required\\))? \\|`));
    }
    for (const a of Object.keys(STRING_ACTIONS)) expect(text).toContain(`| \`'${a}'\` |`);
    for (const form of Object.keys(ACTION_FORMS)) expect(text).toMatch(new RegExp(`\\| \`\\{ ${form}[ ,}]`));
    const docs = paramDocs();
    expect(Object.keys(docs).sort()).toEqual(Object.keys(DEFAULT_PARAMS).sort());
    for (const doc of Object.values(docs)) expect(doc).not.toMatch(/\bQ\d+\b|§\d/);
  });

  it('links the fault vocabulary, the step grammar and the page handle API', () => {
    const text = renderScenariosDoc();
    for (const doc of ['faults.md', 'steps.md', 'page-api.md']) expect(text).toContain(`](${doc})`);
  });
});
