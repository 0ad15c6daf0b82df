import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { RESULTS_DOC, resultsDoc } from '../../scripts/docs-results';
import { renderResultsDoc, type SchemaNode } from '.';
import schema from './results.schema.json';

describe('docs/results-schema.md', () => {
  it('is what npm run docs:results writes from results.schema.json', () => {
    const written = readFileSync(RESULTS_DOC, 'utf8');
    const expected = resultsDoc();
    if (written !== expected)
      throw new Error(`${relative(process.cwd(), RESULTS_DOC)} is out of date with harness/report/results.schema.json: run npm run docs:results.`);
    expect(written).toBe(expected);
  });

  it('documents every field of the report and every definition, each in a row or section of its own', () => {
    const text = renderResultsDoc(schema as unknown as SchemaNode);
    for (const field of Object.keys(schema.properties)) expect(text).toContain(`\n| \`${field}\` |`);
    for (const [name, def] of Object.entries((schema as unknown as SchemaNode).$defs ?? {})) {
      expect(text).toContain(`\n## ${name}\n`);
      for (const field of Object.keys(def.properties ?? {})) expect(text).toContain(`| \`${field}\` |`);
    }
    // every $ref is a link to a section the page has
    for (const m of text.matchAll(/\]\(#([a-z]+)\)/g)) expect(text.toLowerCase()).toContain(`\n## ${m[1]}\n`);
  });
});
