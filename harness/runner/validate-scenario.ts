/**
 * A wrong scenario fails before anything runs, with the field and the fix.
 */
import { BUILTIN_PROFILES, NetworkProfileError, validateProfile } from '../../mocks/link';
import { nearest } from '../../mocks/model';
import { parseDuration, parseStep } from '../assert';
import { FAULT_STRING_ACTIONS, faultsOfAction } from './fault-actions';
import { outlierAllowanceProblem } from './every';
import type { Scenario } from './scenario';

export class ScenarioError extends Error {
  readonly code = 'LH_SCENARIO';
  constructor(scenario: string, field: string, reason: string, remedy: string) {
    super(`[live-harness] Failed to load scenario ${JSON.stringify(scenario)}: ${field} ${reason}. ${remedy}`);
    this.name = 'ScenarioError';
  }
}

const STRING_ACTIONS = [...FAULT_STRING_ACTIONS.keys(), 'background', 'foreground', 'phone-call', 'end-phone-call', 'deny-camera', 'deny-microphone', 'back'];
const OBJECT_ACTIONS = ['fault', 'network', 'device', 'page', 'setData', 'tap', 'context', 'publish', 'unpublish', 'freeze'];

export function validateScenario(s: Scenario): void {
  const name = typeof s?.name === 'string' && s.name ? s.name : '(unnamed)';
  const err = (field: string, reason: string, remedy: string): never => {
    throw new ScenarioError(name, field, reason, remedy);
  };
  if (name === '(unnamed)') err('name', 'is missing', 'Give every scenario a unique name.');
  if (typeof s.description !== 'string' || !s.description) err('description', 'is missing', 'Say in one sentence what story the scenario tells.');
  if (!s.setup || typeof s.setup.page !== 'string' || !s.setup.page) err('setup.page', 'is missing', 'Name the page route to load, e.g. "pages/push/push".');
  const CAPS = ['virtual-time', 'real-media', 'device'];
  if (s.needs !== undefined && (!Array.isArray(s.needs) || s.needs.some((n) => !CAPS.includes(n)))) {
    const bad = Array.isArray(s.needs) ? s.needs.find((n) => !CAPS.includes(n)) : s.needs;
    const near = typeof bad === 'string' ? nearest(bad, CAPS) : undefined;
    err(
      'needs',
      `has ${JSON.stringify(bad)}, which is not a capability`,
      `${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Use a list of ${CAPS.join(', ')} (or [] for a story any target can run).`,
    );
  }
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
    if (typeof p === 'string' && !names.includes(p)) {
      const near = nearest(p, names);
      err(
        field,
        `${JSON.stringify(p)} is not a built-in profile`,
        `${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Use one of ${names.join(', ')}, or a profile object.`,
      );
    }
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
      if (typeof a === 'string') {
        if (!STRING_ACTIONS.includes(a)) {
          const near = nearest(a, STRING_ACTIONS);
          err(
            field,
            `${JSON.stringify(a)} is not an action`,
            `${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Use one of ${STRING_ACTIONS.join(', ')}, or an object with one of ${OBJECT_ACTIONS.join(', ')}.`,
          );
        }
      } else if (!a || typeof a !== 'object' || !OBJECT_ACTIONS.some((k) => k in a)) {
        err(field, `${JSON.stringify(a)} is not an action`, `Use an object with one of ${OBJECT_ACTIONS.join(', ')}, or one of ${STRING_ACTIONS.join(', ')}.`);
      } else if ('freeze' in a) {
        duration(`${field}.for`, (a as { for?: unknown }).for);
      } else {
        const r = faultsOfAction(a);
        if (r && 'issue' in r) {
          const near = r.issue.got !== undefined && r.issue.valid ? nearest(r.issue.got, r.issue.valid) : undefined;
          err(`${field}${r.issue.path}`, r.issue.reason, `${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}${r.issue.remedy}`);
        }
        for (const f of r && 'faults' in r ? r.faults : []) if (f.fault === 'useProfile') profile(`${field}.profile`, f.profile);
      }
    });
    if (step.do === undefined && step.expect === undefined)
      err(`timeline[${i}]`, 'has neither "do" nor "expect"', 'Add an action or a checkpoint, or drop the step.');
  });
  const e = s.expect;
  if (!e || typeof e !== 'object') err('expect', 'is missing', 'A scenario must expect something: a sequence, counts, page state or metrics.');
  const hasAny = e.sequence || e.sequences || e.never || e.counts || e.page || e.metrics || e.every || e.warnings;
  if (!hasAny) err('expect', 'is empty', 'A scenario that expects nothing proves nothing; add a sequence or page state.');
  const steps = (field: string, list: readonly unknown[]): void =>
    list.forEach((st, i) => {
      try {
        parseStep(st as never);
      } catch (x) {
        err(`${field}[${i}]`, `is not a step (${x instanceof Error ? x.message : String(x)})`, 'See matchSequence for the step forms.');
      }
    });
  steps('expect.sequence', e.sequence ?? []);
  if (e.sequences !== undefined && !Array.isArray(e.sequences))
    err('expect.sequences', 'is not a list of sequences', 'Write sequences: [[step, step], [step, step]].');
  (e.sequences ?? []).forEach((seq, i) => {
    if (!Array.isArray(seq) || seq.length === 0) err(`expect.sequences[${i}]`, 'is not a non-empty list of steps', 'Write each sequence as [step, step, …].');
    steps(`expect.sequences[${i}]`, seq);
  });
  (e.every ?? []).forEach((ev, i) => {
    const problem = outlierAllowanceProblem(ev?.allowOutliers);
    if (problem) err(`expect.every[${i}].allowOutliers`, problem, 'Write a whole number of samples (1) or a share of them ("10%").');
  });
}
