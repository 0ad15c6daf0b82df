/**
 * One expected step of a sequence, and how it matches a timeline entry.
 */
import type { EntryKind, TimelineEntry } from '../record';
import { type DurationInput, parseDuration } from './duration';

export interface StepObject {
  readonly code?: number;
  /** exact source (`pusher#p`) or a prefix pattern ending in `*` (`player#*`) */
  readonly source?: string;
  readonly kind?: EntryKind;
  /** a predicate on the entry's detail; a throw counts as no match */
  readonly where?: (detail: any) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** at most this long after the previous matched step (or t=0 for the first) */
  readonly within?: DurationInput;
  /** at least this long after the previous matched step */
  readonly after?: DurationInput;
  /** a label for reports */
  readonly label?: string;
}

/** What users write: a code, a shorthand string, or an object. */
export type StepInput = number | string | StepObject;
export type SequenceStep = StepInput;

export interface Step {
  readonly code?: number;
  readonly source?: string;
  readonly kind?: EntryKind;
  readonly where?: (detail: unknown) => boolean;
  readonly withinMs?: number;
  readonly afterMs?: number;
  readonly text: string;
}

export const KINDS: readonly EntryKind[] = [
  'statechange',
  'netstatus',
  'error',
  'bgmstart',
  'bgmprogress',
  'bgmcomplete',
  'audiovolumenotify',
  'fullscreenchange',
  'enterpictureinpicture',
  'leavepictureinpicture',
  'castinguserselect',
  'castingstatechange',
  'castinginterrupt',
  'call',
  'lifecycle',
  'setData',
  'action',
  'warning',
  'metric',
  'server',
  'plugin-event',
  'navigate',
  'inject',
  'audience',
];

const SOURCE_RE = /^(pusher#\S*|player#\S*|audience#\S*|live-room-(push|play)#\S*|subscribe#\S*|plugin:\S+|plugins|page|rig|server|network|device)$/;

export class StepError extends Error {
  readonly code = 'LH_STEP';
}

const FORMS =
  'Accepted forms: a code (1002), a string like "pusher#p 1002 within 3s" or "player#* statechange 2004 after 1s" or "setData", or an object { code, source, kind, where, within, after }.';

export function parseStep(input: StepInput): Step {
  if (typeof input === 'number') {
    if (!Number.isInteger(input))
      throw new StepError(`[live-harness] Failed to parse sequence step ${JSON.stringify(input)}: a code must be an integer. ${FORMS}`);
    return { code: input, text: String(input) };
  }
  if (typeof input === 'string') return parseString(input);
  if (!input || typeof input !== 'object') throw new StepError(`[live-harness] Failed to parse sequence step ${JSON.stringify(input)}: not a step. ${FORMS}`);
  const o = input;
  if (o.code !== undefined && !Number.isInteger(o.code))
    throw new StepError(`[live-harness] Failed to parse sequence step ${JSON.stringify(o)}: "code" must be an integer. ${FORMS}`);
  if (o.kind !== undefined && !KINDS.includes(o.kind))
    throw new StepError(`[live-harness] Failed to parse sequence step ${JSON.stringify(o)}: kind "${o.kind}" is not known. Kinds: ${KINDS.join(', ')}.`);
  if (o.code === undefined && o.source === undefined && o.kind === undefined && o.where === undefined) {
    throw new StepError(
      `[live-harness] Failed to parse sequence step ${JSON.stringify(o)}: it matches everything. Give at least one of code, source, kind, where.`,
    );
  }
  const withinMs = o.within === undefined ? undefined : parseDuration(o.within);
  const afterMs = o.after === undefined ? undefined : parseDuration(o.after);
  const parts = [
    o.source,
    o.kind,
    o.code,
    o.where ? 'where(…)' : undefined,
    withinMs !== undefined ? `within ${o.within}` : undefined,
    afterMs !== undefined ? `after ${o.after}` : undefined,
  ].filter((x) => x !== undefined);
  return { code: o.code, source: o.source, kind: o.kind, where: o.where, withinMs, afterMs, text: o.label ?? parts.join(' ') };
}

function parseString(s: string): Step {
  const tokens = s.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new StepError(`[live-harness] Failed to parse sequence step "${s}": it is empty. ${FORMS}`);
  let code: number | undefined;
  let source: string | undefined;
  let kind: EntryKind | undefined;
  let withinMs: number | undefined;
  let afterMs: number | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'within' || t === 'after') {
      const d = tokens[++i];
      if (d === undefined) throw new StepError(`[live-harness] Failed to parse sequence step "${s}": "${t}" needs a duration after it. ${FORMS}`);
      let ms: number;
      try {
        ms = parseDuration(/^\d+(\.\d+)?$/.test(d) ? Number(d) : d);
      } catch {
        throw new StepError(`[live-harness] Failed to parse sequence step "${s}": "${d}" is not a duration. Write e.g. 500ms, 3s, 1.5s, 2m.`);
      }
      if (t === 'within') withinMs = ms;
      else afterMs = ms;
    } else if (/^-?\d+$/.test(t)) {
      if (code !== undefined) throw new StepError(`[live-harness] Failed to parse sequence step "${s}": it names two codes. Write one step per code.`);
      code = Number(t);
    } else if (SOURCE_RE.test(t)) {
      source = t;
    } else if ((KINDS as readonly string[]).includes(t)) {
      kind = t as EntryKind;
    } else {
      throw new StepError(`[live-harness] Failed to parse sequence step "${s}": "${t}" is neither a source, a code, a kind nor within/after. ${FORMS}`);
    }
  }
  if (code === undefined && source === undefined && kind === undefined)
    throw new StepError(`[live-harness] Failed to parse sequence step "${s}": it names no source, code or kind. ${FORMS}`);
  return { code, source, kind, withinMs, afterMs, text: s.trim() };
}

export function sourceMatches(pattern: string | undefined, source: string): boolean {
  if (pattern === undefined) return true;
  if (pattern.endsWith('*')) return source.startsWith(pattern.slice(0, -1));
  return source === pattern;
}

/** Does the entry match the step, ignoring time windows? */
export function entryMatches(step: Step, e: TimelineEntry): boolean {
  if (step.code !== undefined && e.code !== step.code) return false;
  if (step.kind !== undefined && e.kind !== step.kind) return false;
  // A bare code means a status or error, not a call or metric that happens to carry the number.
  if (step.kind === undefined && step.code !== undefined && e.kind !== 'statechange' && e.kind !== 'error') return false;
  if (!sourceMatches(step.source, e.source)) return false;
  if (step.where) {
    try {
      if (!step.where(e.detail)) return false;
    } catch {
      return false;
    }
  }
  return true;
}
