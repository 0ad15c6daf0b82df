/**
 * docs/scenarios.md, rendered from the scenario schema (scenario-schema.ts):
 * every key, its type, what it means and an example. `npm run docs:scenarios`
 * writes it; a test fails when the file and the schema part ways.
 */
import { defineScenario } from './scenario';
import { ACTION_FORMS, anchorOf, PARAMS, SCENARIO, SECTIONS, STRING_ACTIONS, TIMELINE_STEP, type ObjectNode, type SchemaNode } from './scenario-schema';
import { ScenarioError, validateScenario } from './validate-scenario';

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text}\``;

function typeOf(node: SchemaNode): string {
  switch (node.kind) {
    case 'leaf':
      return node.type;
    case 'object':
      return SECTIONS.includes(node) ? `[${node.name}](#${anchorOf(node.name)})` : 'object';
    case 'list': {
      const of = typeOf(node.of);
      return of.includes(' | ') ? `(${of})[]` : `${of}[]`;
    }
    case 'record':
      return `{ [${node.key}]: ${typeOf(node.of)} }`;
    case 'union':
      return node.type;
    case 'action':
      return '[Action](#actions)';
  }
}

function table(node: ObjectNode): string[] {
  return [
    '| key | type | meaning | example |',
    '| --- | --- | --- | --- |',
    ...Object.entries(node.fields).map(
      ([key, f]) => `| ${code(key)}${f.required ? ' (required)' : ''} | ${cell(typeOf(f.node))} | ${cell(f.doc)} | ${cell(code(f.example))} |`,
    ),
  ];
}

/** An example as written in the schema: prettier would read a bare object literal as a block of statements, and mangle it. */
const example = (source: string): string[] => ['<!-- prettier-ignore -->', '```ts', source, '```'];

function section(node: ObjectNode): string[] {
  // The scenario's own example opens the page.
  return [`## ${node.name}`, '', node.doc, '', ...table(node), ...(node === SCENARIO ? [] : ['', ...example(node.example)])];
}

/** How validation answers a typo, produced by validation itself so the example cannot drift from it. */
function typoExample(): string {
  const s = evaluate(SCENARIO.example) as { expect: Record<string, unknown> };
  const { never, ...rest } = s.expect;
  try {
    validateScenario({ ...s, expect: { ...rest, nevr: never } } as never, { file: '/my-project/scenarios/push-blip.scenario.ts' });
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('the typo example validated: the schema no longer refuses "nevr"');
}

const evaluate = (source: string): unknown => new Function('defineScenario', `return (${source});`)(defineScenario);

function params(docs: Readonly<Record<string, string>>): string[] {
  return [
    `## ${PARAMS.name}`,
    '',
    PARAMS.doc,
    '',
    '| key | type | default | what it is |',
    '| --- | --- | --- | --- |',
    ...Object.entries(PARAMS.fields).map(([key, f]) => `| ${code(key)} | ${cell(typeOf(f.node))} | ${cell(code(f.example))} | ${cell(docs[key] ?? '')} |`),
    '',
    ...example(PARAMS.example),
  ];
}

function actions(): string[] {
  return [
    '## Actions',
    '',
    "What a timeline step's `do` holds: one action, or a list of them, performed in order. An action is a string or an object;",
    'an object is told apart by its first key below, and may hold only the keys of its form.',
    '',
    '| action | what it does |',
    '| --- | --- |',
    ...Object.entries(STRING_ACTIONS).map(([a, doc]) => `| ${code(`'${a}'`)} | ${cell(doc)} |`),
    '',
    '| form | what it does | example |',
    '| --- | --- | --- |',
    ...Object.entries(ACTION_FORMS).map(([key, form]) => {
      const keys = form.node.kind === 'object' ? Object.keys(form.node.fields) : [key];
      return `| ${code(`{ ${keys.join(', ')} }`)} | ${cell(form.doc)} | ${cell(code(form.example))} |`;
    }),
  ];
}

/** The text of docs/scenarios.md; `paramDocs`: what each model parameter is (from the comments of mocks/model/params.ts). */
export function renderScenariosDoc(paramDocs: Readonly<Record<string, string>> = {}): string {
  // The object sections, with the actions after the timeline step they belong to, and durations last.
  const sections: ReadonlyArray<ObjectNode | 'actions' | 'durations'> = [
    ...SECTIONS.flatMap((s) => (s === TIMELINE_STEP ? [s, 'actions' as const] : [s])),
    'durations',
  ];
  const title = (s: (typeof sections)[number]): string => (s === 'actions' ? 'Actions' : s === 'durations' ? 'Durations' : s.name);
  const out: string[] = [
    '<!-- Written by `npm run docs:scenarios` from harness/runner/scenario-schema.ts: edit the schema there, not this file (a test compares them). -->',
    '',
    '# Scenarios',
    '',
    'A scenario is data: the page to load, what is there before the story starts, a timeline of actions and checkpoints, and',
    'what must be seen. It is the default export of a `*.scenario.ts` or `*.scenario.js` file; `defineScenario()` gives a',
    'TypeScript file checking and completion. A scenario never names a target: `needs` says what it requires, and a target',
    'that lacks it reports the scenario _not applicable_, never passed.',
    '',
    '```ts',
    "import { defineScenario } from 'live-harness';",
    '',
    `export default ${SCENARIO.example};`,
    '```',
    '',
    'Run scenarios with `npx live-harness run <files or folders>` (a folder gives its `*.scenario.ts|js` files; `.ts` goes',
    'through tsx), or from a test: `loadScenarios(paths)` returns `{ file, scenario }` for each, and',
    '`runScenario(scenario, { miniprogramRoot })` plays one and judges every expectation.',
    '',
    'Every file is loaded and validated before anything runs. Keys are checked at every depth: an unknown key is named by its',
    'path, with the nearest valid key and the keys there are.',
    '',
    '```text',
    typoExample(),
    '```',
    '',
    'A file that does not parse is named with its line and column. The command line reports each bad file and runs the others;',
    'it exits 1 when a scenario failed or a file did not load, and 2 when nothing ran. `loadScenarios()` throws at the first',
    'bad file; `collectScenarios()` goes on and returns `{ scenarios, problems }`.',
    '',
    'Also: [faults.md](faults.md) (the fault vocabulary of `{ fault }` actions and profile incidents),',
    '[steps.md](steps.md) (the step grammar of sequences, `never` and `counts`), [page-api.md](page-api.md) (selectors of `tap`',
    'and `text`, and the page handle).',
    '',
    ...sections.map((s) => `- [${title(s)}](#${anchorOf(title(s))})`),
  ];
  for (const s of sections) {
    out.push('');
    if (s === 'actions') out.push(...actions());
    else if (s === 'durations')
      out.push(
        '## Durations',
        '',
        "A duration is a number of milliseconds (`1500`) or a string with a unit: `'500ms'`, `'3s'`, `'1.5s'`, `'2m'`.",
        'Fault parameters are plain numbers with the unit in their name (`forMs: 4000`), as [faults.md](faults.md) says.',
      );
    else if (s === PARAMS) out.push(...params(paramDocs));
    else out.push(...section(s));
  }
  return `${out.join('\n')}\n`;
}
