/**
 * Checks a source tree against its LayerRules: every import of every file,
 * whatever its form, against the allow-list of the file's folder, and every
 * crossing into another layer against that layer's index.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { importSites, type ImportSite } from './import-sites';
import { moduleTarget, type ModuleTarget } from './module-target';
import type { FolderRule, LayerRules } from './rules';

export type OffenceKind = 'no-entry' | 'not-allowed' | 'types-only' | 'past-index' | 'computed' | 'unresolved';

export interface Offence {
  readonly kind: OffenceKind;
  /** root-relative; for 'no-entry', the folder */
  readonly file: string;
  readonly line?: number;
  /** the import as written */
  readonly import?: string;
  /** one line a reader acts on: the file, the import, what the folder allows */
  readonly message: string;
}

/** One import of one file, resolved. */
export interface ImportEdge {
  readonly file: string;
  readonly site: ImportSite;
  readonly target: ModuleTarget;
}

export interface LayerReport {
  readonly offences: readonly Offence[];
  readonly edges: readonly ImportEdge[];
  /** Entries whose folder does not exist (yet): allowed, listed so that a misspelt key shows. */
  readonly absent: readonly string[];
  /** Allowed items of existing folders that no import uses ('harness/rig: harness/world'): room to tighten. */
  readonly unused: readonly string[];
}

const SOURCE = /\.(ts|tsx|mts|cts|js|cjs|mjs)$/;
const TEST = /\.test\.(ts|tsx|js|cjs|mjs)$/;

function walk(root: string, dir: string, skip: ReadonlySet<string>, out: string[]): string[] {
  for (const name of readdirSync(join(root, dir)).sort()) {
    if (name.startsWith('.') || skip.has(name)) continue;
    const path = dir === '.' ? name : `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) walk(root, path, skip, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The layer a folder belongs to: 'mocks/link' for mocks/link/virtual, 'bench' for bench, '.' for the root. */
export function layerOf(folder: string, groups: readonly string[]): string {
  const parts = folder.split('/');
  return groups.includes(parts[0]) && parts.length > 1 ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether an allow-list item covers an import target. */
function covers(item: string, target: ModuleTarget): boolean {
  switch (target.kind) {
    case 'project':
      return item === target.file || item === posix.dirname(target.file);
    case 'builtin':
      return item === 'node:*' || item === target.name || target.name.startsWith(`${item}/`);
    case 'package':
      return item === target.name;
    case 'unresolved':
      return false;
  }
}

/** An import as a reader recognises it: `import … from '../link'`, `require('node:net')`. */
export function spelled(site: ImportSite): string {
  const q = `'${site.specifier ?? '…'}'`;
  const type = site.typeOnly ? ' type' : '';
  switch (site.form) {
    case 'import':
      return `import${type} … from ${q}`;
    case 'export':
      return `export${type} … from ${q}`;
    case 'side-effect':
      return `import ${q}`;
    case 'dynamic':
      return `import(${q})`;
    case 'type-query':
      return `import(${q}) in a type`;
    case 'require':
    case 'require.resolve':
      return `${site.form}(${q})`;
    case 'import-equals':
      return `import${type} … = require(${q})`;
    case 'jest.mock':
      return `${site.text.slice(0, site.text.indexOf('('))}(${q})`;
  }
}

function where(folder: string, test: boolean): string {
  return `${folder === '.' ? 'the root folder' : folder}${test ? ' (tests)' : ''}`;
}

function list(items: readonly string[] | undefined): string {
  return items && items.length > 0 ? items.join(', ') : 'nothing';
}

function allowed(rule: FolderRule, test: boolean): string {
  const values = [...rule.imports, ...(test ? (rule.tests ?? []) : [])];
  return `${list(values)}${rule.types?.length ? `; types from ${list(rule.types)}` : ''}`;
}

/** What a folder's files import today: the start of the entry it lacks. */
function importedToday(edges: readonly ImportEdge[], folder: string): string {
  const names = new Set<string>();
  for (const e of edges) {
    if (posix.dirname(e.file) !== folder) continue;
    const t = e.target;
    if (t.kind === 'project' && posix.dirname(t.file) !== folder) names.add(posix.dirname(t.file));
    if (t.kind === 'builtin' || t.kind === 'package') names.add(t.name);
  }
  return [...names].sort().join(', ') || 'nothing';
}

function unusedItems(rules: LayerRules, edges: readonly ImportEdge[], files: readonly string[], absent: readonly string[]): string[] {
  const keyOf = (file: string) => (rules.folders[file] ? file : posix.dirname(file));
  const out: string[] = [];
  for (const [key, rule] of Object.entries(rules.folders)) {
    if (absent.includes(key) || !files.some((f) => keyOf(f) === key)) continue;
    const mine = edges.filter((e) => keyOf(e.file) === key);
    const used = (item: string, test: boolean) => mine.some((e) => (!test || TEST.test(e.file)) && covers(item, e.target));
    for (const item of [...rule.imports, ...(rule.types ?? [])]) if (!used(item, false)) out.push(`${key}: ${item}`);
    for (const item of rule.tests ?? []) if (!used(item, true)) out.push(`${key}: ${item} (tests)`);
  }
  return out;
}

interface Context {
  readonly root: string;
  readonly rules: LayerRules;
  /** the rule's key: the file's own, or its folder */
  readonly key: string;
  readonly rule: FolderRule;
  readonly folder: string;
  readonly test: boolean;
}

/** The offence one import commits, if any. */
function judge(c: Context, file: string, site: ImportSite, target: ModuleTarget | undefined): Offence | undefined {
  const at = `${file}:${site.line}`;
  if (!target) {
    if (c.rule.computed) return undefined;
    const message = `${at}: ${site.text} loads a module by a computed name; the entry for ${where(c.key, false)} must say why (computed).`;
    return { kind: 'computed', file, line: site.line, import: site.text, message };
  }
  const base = { file, line: site.line, import: site.specifier };
  const quoted = spelled(site);
  if (target.kind === 'unresolved') return { ...base, kind: 'unresolved', message: `${at}: ${quoted} does not resolve: ${target.reason}.` };
  if (target.kind === 'project' && posix.dirname(target.file) === c.folder) return undefined;

  const named = target.kind === 'project' ? `${quoted} (${target.file})` : quoted;
  const values = [...c.rule.imports, ...(c.test ? (c.rule.tests ?? []) : [])];
  const byType = (c.rule.types ?? []).some((i) => covers(i, target));
  if (!values.some((i) => covers(i, target)) && !(byType && site.typeOnly)) {
    return byType
      ? {
          ...base,
          kind: 'types-only',
          message: `${at}: ${named} takes a value; ${where(c.key, c.test)} may take only types from it: write "import type", or move the value.`,
        }
      : { ...base, kind: 'not-allowed', message: `${at}: ${named} is not allowed in ${where(c.key, c.test)}, which may import: ${allowed(c.rule, c.test)}.` };
  }
  if (target.kind !== 'project') return undefined;
  const into = layerOf(posix.dirname(target.file), c.rules.groups);
  const surfaces = ['index.ts', ...(c.rules.surfaces?.[into] ?? [])].map((f) => `${into}/${f}`);
  const crossing = into !== layerOf(c.folder, c.rules.groups) && existsSync(join(c.root, into, 'index.ts'));
  if (!crossing || surfaces.includes(target.file) || (c.rule.pastIndex ?? []).includes(into)) return undefined;
  return {
    ...base,
    kind: 'past-index',
    message: `${at}: ${quoted} reaches past the index of ${into} to ${target.file}; import from ${into} (its index.ts) instead.`,
  };
}

export function checkLayers(root: string, rules: LayerRules): LayerReport {
  const files = walk(root, '.', new Set(rules.skip), []);
  const edges: ImportEdge[] = [];
  const offences: Offence[] = [];
  const missing = new Set<string>();
  for (const file of files) {
    const folder = posix.dirname(file);
    const resolved = importSites(file, readFileSync(join(root, file), 'utf8')).map((site) => ({
      site,
      target: site.specifier === undefined ? undefined : moduleTarget(root, file, site.specifier),
    }));
    for (const { site, target } of resolved) if (target) edges.push({ file, site, target });
    const key = rules.folders[file] ? file : folder;
    const rule = rules.folders[key];
    if (!rule) {
      missing.add(folder);
      continue;
    }
    const context: Context = { root, rules, key, rule, folder, test: TEST.test(file) };
    for (const { site, target } of resolved) {
      const offence = judge(context, file, site, target);
      if (offence) offences.push(offence);
    }
  }
  for (const folder of [...missing].sort())
    offences.push({
      kind: 'no-entry',
      file: folder,
      message: `${where(folder, false)}: no entry in ${rules.source ?? 'the allow-list'}; add one saying what its files may import (they import today: ${importedToday(edges, folder)}).`,
    });
  const absent = Object.keys(rules.folders)
    .filter((k) => !existsSync(join(root, k)))
    .sort();
  return { offences, edges, absent, unused: unusedItems(rules, edges, files, absent) };
}
