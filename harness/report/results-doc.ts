/**
 * docs/results-schema.md, rendered from results.schema.json: the schema is
 * the one source, and a test fails when the page falls behind it.
 */

/** The parts of JSON Schema results.schema.json uses. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode | boolean>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly oneOf?: readonly SchemaNode[];
  readonly $ref?: string;
  readonly minimum?: number;
  readonly pattern?: string;
  readonly title?: string;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
}

const anchor = (name: string): string => name.toLowerCase();

/** A cell of a Markdown table: pipes escaped, on one line. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function typeOf(node: SchemaNode | boolean): string {
  if (typeof node === 'boolean') return node ? 'any' : 'nothing';
  if (node.$ref) {
    const name = node.$ref.replace('#/$defs/', '');
    return `[${name}](#${anchor(name)})`;
  }
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' or ');
  if (node.oneOf) return node.oneOf.map(typeOf).join(' or ');
  const types = node.type === undefined ? [] : typeof node.type === 'string' ? [node.type] : node.type;
  if (types.length === 0) return 'any JSON';
  return types
    .map((t) => {
      if (t === 'array') return `array of ${node.items ? typeOf(node.items) : 'any JSON'}`;
      if (t === 'object' && !node.properties && node.additionalProperties && typeof node.additionalProperties === 'object')
        return `object of ${typeOf(node.additionalProperties)}`;
      if (t === 'object' && node.properties) return `{ ${Object.keys(node.properties).join(', ')} }`;
      return t;
    })
    .join(' or ');
}

function limits(node: SchemaNode | boolean): string {
  if (typeof node === 'boolean') return '';
  const out: string[] = [];
  if (node.minimum !== undefined) out.push(`≥ ${node.minimum}`);
  if (node.pattern !== undefined) out.push(`matches \`${node.pattern}\``);
  return out.length ? ` (${out.join(', ')})` : '';
}

/** Rows for an object's fields; a field that is itself an object written in place gets rows of its own (`summary.passed`). */
function rows(node: SchemaNode, prefix: string): string[] {
  const required = new Set(node.required ?? []);
  const out: string[] = [];
  for (const [name, p] of Object.entries(node.properties ?? {})) {
    const description = typeof p === 'boolean' ? '' : (p.description ?? '');
    out.push(`| \`${prefix}${name}\` | ${cell(typeOf(p))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(description + limits(p))} |`);
    if (typeof p !== 'boolean') {
      const inner = p.properties ? p : p.items?.properties ? p.items : undefined;
      if (inner) out.push(...rows(inner, `${prefix}${name}${inner === p ? '' : '[]'}.`));
    }
  }
  return out;
}

function fieldsTable(node: SchemaNode): string[] {
  const lines = ['| field | type | required | meaning |', '| --- | --- | --- | --- |', ...rows(node, '')];
  if (node.additionalProperties === false) lines.push('', 'No other field is allowed.');
  return lines;
}

function section(name: string, node: SchemaNode): string[] {
  const lines = [`## ${name}`, ''];
  if (node.description) lines.push(node.description, '');
  if (node.properties) lines.push(...fieldsTable(node), '');
  else if (node.oneOf) {
    lines.push('One of:', '');
    for (const variant of node.oneOf) {
      if (variant.$ref) lines.push(`- ${typeOf(variant)}`);
      else lines.push(`- ${variant.description ?? 'an object'}:`, '', ...fieldsTable(variant).map((l) => (l ? `  ${l}` : l)), '');
    }
    lines.push('');
  } else lines.push(`Type: ${typeOf(node)}${limits(node)}.`, '');
  return lines;
}

export function renderResultsDoc(schema: SchemaNode): string {
  const lines = [
    '<!-- Written by `npm run docs:results` from harness/report/results.schema.json: edit the schema there, not this file (a test compares them). -->',
    '',
    '# results.json',
    '',
    `${schema.description ?? ''}`,
    '',
    'Each run writes it to `reports/<run-id>/results.json` (docs/reports.md). Its JSON Schema (draft 2020-12) is',
    '`harness/report/results.schema.json`; every object below is closed (no other field is allowed) unless it says',
    'otherwise, so a reader can rely on the fields named here. Validate a report with any JSON Schema validator, e.g. with',
    'ajv: `new Ajv2020({ allowUnionTypes: true }).compile(schema)(report)`.',
    '',
    '## The report',
    '',
    ...fieldsTable(schema),
    '',
  ];
  for (const [name, node] of Object.entries(schema.$defs ?? {})) lines.push(...section(name, node));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
