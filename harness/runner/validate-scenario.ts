/**
 * A wrong scenario fails before anything runs, with the key path and the fix.
 * Keys are checked at every depth against the schema (scenario-schema.ts):
 * every unknown or missing key is reported at once, each with the nearest
 * valid name; then the values, first problem first.
 */
import { BUILTIN_PROFILES, NetworkProfileError, validateProfile } from '../../mocks/link';
import { nearest } from '../../mocks/model';
import { parseDuration, parseStep } from '../assert';
import { faultsOfAction } from './fault-actions';
import { outlierAllowanceProblem } from './every';
import type { Scenario } from './scenario';
import { ACTION_FORM_KEYS, ACTION_FORMS, docAnchor, SCENARIO, STRING_ACTIONS, type FieldSpec, type ObjectNode, type SchemaNode } from './scenario-schema';

/** One thing wrong with a scenario: where (`expect.nevr`), what, and the fix. */
export interface ScenarioProblem {
  readonly path: string;
  readonly reason: string;
  readonly remedy: string;
}

export class ScenarioError extends Error {
  readonly code = 'LH_SCENARIO';
  constructor(
    /** the scenario's name, or "(unnamed)" */
    readonly scenario: string,
    /** at least one; the message has a line for each */
    readonly problems: readonly ScenarioProblem[],
    /** the file it came from, when known */
    readonly file?: string,
  ) {
    super(
      problems
        .map((p) => `[live-harness] Failed to load scenario ${JSON.stringify(scenario)}${file ? ` from ${file}` : ''}: ${p.path} ${p.reason}. ${p.remedy}`)
        .join('\n'),
    );
    this.name = 'ScenarioError';
  }
}

export interface ValidateOptions {
  /** the file the scenario came from, named in the error */
  readonly file?: string;
}

const STRING_ACTION_NAMES = Object.keys(STRING_ACTIONS);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const didYouMean = (near: string | undefined): string => (near ? `Did you mean ${JSON.stringify(near)}? ` : '');

/** `expect` + `nevr` → `expect.nevr`; a key that is not a name is quoted: `expect.metrics["player#p"]`. */
export function keyPath(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

const docLink = (node: ObjectNode): string => `docs/scenarios.md#${docAnchor(node)}`;

/**
 * Every key of `value` the schema does not know (with the nearest it does),
 * every required key it lacks, at every depth; and every action that is not one.
 */
export function keyProblems(value: unknown, node: SchemaNode, path = '', seen?: Set<FieldSpec>): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  walk(value, node, path, { out, seen });
  return out;
}

interface Walk {
  readonly out: ScenarioProblem[];
  /** the fields met on the way (the schema test checks that an example reaches them all) */
  readonly seen?: Set<FieldSpec>;
}

function walk(value: unknown, node: SchemaNode, path: string, w: Walk): void {
  switch (node.kind) {
    case 'leaf':
      if (node.values && !(typeof value === 'string' && node.values.includes(value)))
        w.out.push({
          path,
          reason: `${describe(value)} is not a ${node.noun ?? 'valid value'}`,
          remedy: `${didYouMean(typeof value === 'string' ? nearest(value, node.values) : undefined)}Use one of ${node.values.join(', ')}${node.hint ? ` ${node.hint}` : ''}.`,
        });
      return;
    case 'list':
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, node.of, `${path}[${i}]`, w));
      return;
    case 'record':
      if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, node.of, `${path}[${JSON.stringify(k)}]`, w);
      return;
    case 'union': {
      const member = node.pick(value);
      if (member) walk(value, member, path, w);
      return;
    }
    case 'action':
      return action(value, path, w);
    case 'object':
      return object(value, node, path, w);
  }
}

/** Depth first, in the order the author wrote the keys: problems come out in the order of the file. */
function object(value: unknown, node: ObjectNode, path: string, w: Walk): void {
  const { out } = w;
  if (!isObject(value)) return; // a value of the wrong shape is for the value checks to name
  const names = Object.keys(node.fields);
  const explained = new Set<string>();
  for (const [key, v] of Object.entries(value)) {
    if (!Object.hasOwn(node.fields, key)) {
      const near = nearest(key, names);
      if (near) explained.add(near);
      out.push({
        path: keyPath(path, key),
        reason: `is not a key of ${node.title}`,
        remedy: `${didYouMean(near)}Use one of ${names.join(', ')} (${docLink(node)}).`,
      });
      continue;
    }
    if (v === undefined) continue;
    const field = node.fields[key];
    w.seen?.add(field);
    const { kind } = field.node;
    // The wrong shape, where a list or an object is due: walking into it would find nothing, and running it would throw.
    const shape = kind === 'list' && !Array.isArray(v) ? 'a list' : (kind === 'object' || kind === 'record') && !isObject(v) ? 'an object' : undefined;
    if (shape) out.push({ path: keyPath(path, key), reason: `is not ${shape} (${describe(v)})`, remedy: `Write e.g. ${key}: ${field.example}.` });
    else walk(v, field.node, keyPath(path, key), w);
  }
  for (const [key, field] of Object.entries(node.fields)) {
    // A misspelt key already said "did you mean" this one: saying it is missing too would be the same mistake twice.
    if (field.required && value[key] === undefined && !explained.has(key)) out.push({ path: keyPath(path, key), reason: 'is missing', remedy: field.remedy });
  }
}

function describe(v: unknown): string {
  return typeof v === 'function' ? 'a function' : (JSON.stringify(v) ?? String(v));
}

const ACTION_FORMS_TEXT = `an object with one of ${ACTION_FORM_KEYS.join(', ')}`;

function action(a: unknown, path: string, w: Walk): void {
  const { out } = w;
  if (typeof a === 'string') {
    if (!STRING_ACTION_NAMES.includes(a))
      out.push({
        path,
        reason: `${JSON.stringify(a)} is not an action`,
        remedy: `${didYouMean(nearest(a, STRING_ACTION_NAMES))}Use one of ${STRING_ACTION_NAMES.join(', ')}, or ${ACTION_FORMS_TEXT}.`,
      });
    return;
  }
  const form = isObject(a) ? ACTION_FORM_KEYS.find((k) => Object.hasOwn(a, k)) : undefined;
  if (!form) {
    // An object with no form key: a misspelt one gets its nearest, anything else the list.
    const remedy = `Use ${ACTION_FORMS_TEXT}, or one of ${STRING_ACTION_NAMES.join(', ')}.`;
    const misspelt = Object.keys(isObject(a) ? a : {})
      .map((key) => ({ key, near: nearest(key, ACTION_FORM_KEYS) }))
      .filter((m) => m.near !== undefined);
    for (const { key, near } of misspelt) out.push({ path: keyPath(path, key), reason: 'is not an action', remedy: `${didYouMean(near)}${remedy}` });
    if (misspelt.length === 0) out.push({ path, reason: `${JSON.stringify(a)} is not an action`, remedy });
    return;
  }
  if (form === 'fault' || form === 'network') {
    // The fault vocabulary checks its own verbs and parameters (mocks/link/faults.ts).
    const r = faultsOfAction(a);
    if (r && 'issue' in r) {
      const near = r.issue.got !== undefined && r.issue.valid ? nearest(r.issue.got, r.issue.valid) : undefined;
      out.push({ path: `${path}${r.issue.path}`, reason: r.issue.reason, remedy: `${didYouMean(near)}${r.issue.remedy}` });
    }
    if (form === 'network')
      for (const key of Object.keys(a as object))
        if (key !== 'network')
          out.push({
            path: keyPath(path, key),
            reason: 'is not a key of the network action',
            remedy: `Write one action per object: { network: { … } } takes nothing else (docs/scenarios.md#actions).`,
          });
    return;
  }
  walk(a, ACTION_FORMS[form].node, path, w);
}

export function validateScenario(s: Scenario, options: ValidateOptions = {}): void {
  const raw: unknown = s;
  const name = isObject(raw) && typeof raw.name === 'string' && raw.name ? raw.name : '(unnamed)';
  const fail = (problems: readonly ScenarioProblem[]): never => {
    throw new ScenarioError(name, problems, options.file);
  };
  const err = (path: string, reason: string, remedy: string): never => fail([{ path, reason, remedy }]);
  if (!isObject(raw))
    err('scenario', `${JSON.stringify(raw)} is not an object`, 'Export an object: defineScenario({ name, description, setup, duration, expect }).');
  // Keys first, all of them: a misspelt key must be named as such, not reported as what its absence causes ("expect is empty").
  const keys = keyProblems(s, SCENARIO);
  if (keys.length > 0) fail(keys);

  if (name === '(unnamed)') err('name', `${JSON.stringify(s.name)} is not a name`, 'Give every scenario a unique name.');
  if (typeof s.description !== 'string' || !s.description) err('description', 'is empty', 'Say in one sentence what story the scenario tells.');
  if (typeof s.setup.page !== 'string' || !s.setup.page)
    err('setup.page', `${JSON.stringify(s.setup.page)} is not a page route`, 'Name the page route to load, e.g. "pages/push/push".');
  const duration = (field: string, v: unknown): number => {
    try {
      return parseDuration(v as never);
    } catch (e) {
      return err(
        field,
        `is not a duration (${JSON.stringify(v)})`,
        `Use ms as a number or a string like "500ms", "3s", "1.5m". (${e instanceof Error ? e.message : ''})`,
      );
    }
  };
  const profile = (field: string, p: unknown): void => {
    const names = Object.keys(BUILTIN_PROFILES);
    if (typeof p === 'string' && !names.includes(p))
      err(field, `${JSON.stringify(p)} is not a built-in profile`, `${didYouMean(nearest(p, names))}Use one of ${names.join(', ')}, or a profile object.`);
    try {
      validateProfile(p);
    } catch (e) {
      if (!(e instanceof NetworkProfileError)) throw e;
      err(field, `is not a valid profile: ${e.reason}`, e.remedy);
    }
  };
  if (s.network !== undefined) profile('network', s.network);
  const total = duration('duration', s.duration);
  (s.timeline ?? []).forEach((step, i) => {
    const at = duration(`timeline[${i}].at`, step.at);
    if (at > total) err(`timeline[${i}].at`, `(${at} ms) is after the end of the scenario (${total} ms)`, 'Lengthen "duration" or move the step earlier.');
    const actions = step.do === undefined ? [] : Array.isArray(step.do) ? step.do : [step.do];
    actions.forEach((a, j) => {
      const field = `timeline[${i}].do${Array.isArray(step.do) ? `[${j}]` : ''}`;
      // Which actions exist and what keys they take, the key check has said; here, the values.
      if (typeof a === 'object' && 'freeze' in a) duration(`${field}.for`, a.for);
      const r = faultsOfAction(a);
      for (const f of r && 'faults' in r ? r.faults : []) if (f.fault === 'useProfile') profile(`${field}.profile`, f.profile);
    });
    if (step.do === undefined && step.expect === undefined)
      err(`timeline[${i}]`, 'has neither "do" nor "expect"', 'Add an action or a checkpoint, or drop the step.');
  });
  const e = s.expect;
  const hasAny = e.sequence || e.sequences || e.never || e.counts || e.page || e.metrics || e.every || e.warnings;
  if (!hasAny) err('expect', 'is empty', 'A scenario that expects nothing proves nothing; add a sequence or page state.');
  const step = (field: string, st: unknown): void => {
    try {
      parseStep(st as never);
    } catch (x) {
      err(field, `is not a step (${x instanceof Error ? x.message : String(x)})`, 'See docs/steps.md for the step forms.');
    }
  };
  const steps = (field: string, list: readonly unknown[]): void => list.forEach((st, i) => step(`${field}[${i}]`, st));
  steps('expect.sequence', e.sequence ?? []);
  (e.sequences ?? []).forEach((seq, i) => {
    if (!Array.isArray(seq) || seq.length === 0) err(`expect.sequences[${i}]`, 'is not a non-empty list of steps', 'Write each sequence as [step, step, …].');
    steps(`expect.sequences[${i}]`, seq);
  });
  (e.every ?? []).forEach((ev, i) => {
    const problem = outlierAllowanceProblem(ev?.allowOutliers);
    if (problem) err(`expect.every[${i}].allowOutliers`, problem, 'Write a whole number of samples (1) or a share of them ("10%").');
  });
  steps('expect.never', e.never ?? []);
  (e.counts ?? []).forEach((c, i) => step(`expect.counts[${i}].step`, c.step));
}
