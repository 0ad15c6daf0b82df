import { join } from 'node:path';
import * as ts from 'typescript';
import { FAULT_STRING_ACTIONS } from './fault-actions';
import { defineScenario } from './scenario';
import { loadScenarioFile } from './scenario-loader';
import { ACTION_FORMS, SCENARIO, SECTIONS, STRING_ACTIONS, type FieldSpec, type ObjectNode, type SchemaNode } from './scenario-schema';
import { keyProblems, validateScenario } from './validate-scenario';

const complete = join(__dirname, '__fixtures__/scenarios/complete/every-key.scenario.ts');

/** Every object of the schema reachable from the scenario, action forms included. */
function objects(): ObjectNode[] {
  const out = new Set<ObjectNode>();
  const visit = (n: SchemaNode): void => {
    if (n.kind === 'object') {
      if (out.has(n)) return;
      out.add(n);
      for (const f of Object.values(n.fields)) visit(f.node);
    } else if (n.kind === 'list' || n.kind === 'record') visit(n.of);
    else if (n.kind === 'union') n.members.forEach(visit);
    else if (n.kind === 'action') for (const form of Object.values(ACTION_FORMS)) visit(form.node);
  };
  visit(SCENARIO);
  return [...out];
}

function fieldName(f: FieldSpec): string {
  for (const o of objects()) for (const [k, v] of Object.entries(o.fields)) if (v === f) return `${o.name}.${k}`;
  return '?';
}

/** Plain JS source of an example, evaluated as a scenario file would be. */
const evaluate = (source: string): unknown => new Function('defineScenario', `return (${source});`)(defineScenario);

describe('the scenario schema', () => {
  it('is reached key by key by a scenario that sets every key, which validates', () => {
    const { scenario } = loadScenarioFile(complete);
    const seen = new Set<FieldSpec>();
    expect(keyProblems(scenario, SCENARIO, '', seen)).toEqual([]);
    const all = objects().flatMap((o) => Object.values(o.fields));
    const unseen = all.filter((f) => !seen.has(f)).map(fieldName);
    expect(unseen).toEqual([]);
    expect(all.length).toBeGreaterThan(100);
  });

  it('has examples that are what they illustrate: every key of every section and every action form validates', () => {
    for (const o of objects()) {
      expect([o.name, keyProblems(evaluate(o.example), o)]).toEqual([o.name, []]);
      for (const [key, f] of Object.entries(o.fields)) {
        const value = evaluate(f.example);
        // A field's example alone, inside its object: the keys under it must be known.
        expect([`${o.name}.${key}`, keyProblems({ [key]: value }, o).filter((p) => p.reason !== 'is missing')]).toEqual([`${o.name}.${key}`, []]);
      }
    }
    for (const [key, form] of Object.entries(ACTION_FORMS))
      expect([key, keyProblems({ at: 0, do: evaluate(form.example) }, SCENARIO.fields.timeline.node)]).toEqual([key, []]);
    expect(() => validateScenario(evaluate(SCENARIO.example) as never)).not.toThrow();
  });

  it('documents each section once and lists every string action, the older fault spellings included', () => {
    expect(new Set(SECTIONS.map((s) => s.name)).size).toBe(SECTIONS.length);
    expect(Object.keys(STRING_ACTIONS)).toEqual(expect.arrayContaining([...FAULT_STRING_ACTIONS.keys()]));
  });

  // The compiler holds the schema to the Scenario type (FieldsOf<T>, and forms() for Action): here is that check, run.
  it('type-checks against the Scenario type, and would not if the type gained a key the schema lacks', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(__dirname, '../../tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    if (!config) throw new Error('tsconfig.json did not parse');
    const schema = join(__dirname, 'scenario-schema.ts');
    const grown = join(__dirname, '__grown-scenario__.ts');
    const source = [
      "import type { Scenario } from './scenario';",
      "import { SCENARIO, type FieldsOf } from './scenario-schema';",
      'type Grown = Scenario & { readonly retries?: number };',
      'export const fields: FieldsOf<Grown> = SCENARIO.fields as FieldsOf<Scenario>;',
    ].join('\n');
    const host = ts.createCompilerHost(config.options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (file, lang, ...rest) => (file === grown ? ts.createSourceFile(file, source, lang) : read(file, lang, ...rest));
    const program = ts.createProgram([schema, grown], { ...config.options, noEmit: true }, host);
    const errors = (file: string): string[] =>
      program.getSemanticDiagnostics(program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    expect(errors(schema)).toEqual([]);
    expect(errors(grown)).toEqual([`Property 'retries' is missing in type 'FieldsOf<Scenario>' but required in type 'FieldsOf<Grown>'.`]);
  }, 60_000);
});
