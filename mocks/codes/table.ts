/**
 * The one place numbers live. Constants are derived from the rows, so a name
 * and its number cannot drift apart.
 */
import { PUSHER_ERROR_ROWS } from './error-codes';
import { PLAYER_ROWS } from './player-codes';
import { PUSHER_ROWS } from './pusher-codes';
import type { CodeEntry, CodeKind, Component } from './types';

type CodesOf<R extends Record<string, readonly [number, ...unknown[]]>> = { readonly [K in keyof R]: R[K][0] };

function constants<R extends Record<string, readonly [number, ...unknown[]]>>(rows: R): CodesOf<R> {
  const out: Record<string, number> = {};
  for (const [k, r] of Object.entries(rows)) out[k] = r[0];
  return Object.freeze(out) as CodesOf<R>;
}

export const PushCode = constants(PUSHER_ROWS);
export const PlayCode = constants(PLAYER_ROWS);
export const PusherErrCode = constants(PUSHER_ERROR_ROWS);

/** Negative codes are errors; 1101–1107, 2101–2108, 3001–3005 warnings; the rest events. */
export function kindByRule(code: number): CodeKind {
  if (code < 0) return 'error';
  if ((code >= 1101 && code <= 1107) || (code >= 2101 && code <= 2108) || (code >= 3001 && code <= 3005)) return 'warning';
  return 'event';
}

function entries(component: Component, rows: Record<string, readonly [number, string, string, Record<string, unknown>?]>): readonly CodeEntry[] {
  return Object.freeze(
    Object.values(rows).map(
      ([code, name, meaning, extra]) =>
        Object.freeze({ code, name, meaning, component, kind: kindByRule(code), source: 'wechat' as const, confirmed: true, ...(extra ?? {}) }) as CodeEntry,
    ),
  );
}

const PUSHER_TABLE = entries('pusher', PUSHER_ROWS as never);
const PLAYER_TABLE = entries('player', PLAYER_ROWS as never);
const ERROR_TABLE: readonly CodeEntry[] = Object.freeze(
  Object.values(PUSHER_ERROR_ROWS).map(([code, name, meaning]) =>
    Object.freeze({
      code,
      name,
      meaning,
      component: 'pusher' as const,
      kind: 'error' as const,
      // 10005/10012/10014 were seen on a device, never documented (§1.3).
      source: name.includes('OBSERVED') ? ('observed' as const) : ('wechat' as const),
      confirmed: !name.includes('OBSERVED'),
      note: 'binderror errCode',
    }),
  ),
);
const ERR_MSG = new Map<number, string>(Object.values(PUSHER_ERROR_ROWS).map(([code, , , msg]) => [code, msg]));

const INDEX: Record<Component, Map<number, CodeEntry>> = {
  pusher: new Map([...PUSHER_TABLE, ...ERROR_TABLE].map((e) => [e.code, e])),
  player: new Map(PLAYER_TABLE.map((e) => [e.code, e])),
};

/** statechange codes of a component (binderror codes are in `errorCodes()`). */
export function allCodes(component: Component): readonly CodeEntry[] {
  return component === 'pusher' ? PUSHER_TABLE : PLAYER_TABLE;
}

export function errorCodes(): readonly CodeEntry[] {
  return ERROR_TABLE;
}

export function describeCode(component: Component, code: number): CodeEntry | undefined {
  return INDEX[component].get(code);
}

export function codeName(component: Component, code: number): string {
  return describeCode(component, code)?.name ?? `UNKNOWN(${code})`;
}

export function codeKind(component: Component, code: number): CodeKind {
  return describeCode(component, code)?.kind ?? kindByRule(code);
}

/** A code after which the component has stopped on its own. */
export function isFatal(component: Component, code: number): boolean {
  return code < 0 && describeCode(component, code) !== undefined;
}

/**
 * The `message` a statechange carries with a code, and the errMsg of binderror.
 * iOS sends an empty message with 4998/4999 (reference §3.1).
 */
export function defaultMessage(component: Component, code: number, _platform?: 'ios' | 'android'): string {
  if (component === 'pusher' && (code === PushCode.MIC_TOGGLED_IOS || code === PushCode.MUTE_TOGGLED_IOS)) return '';
  const errMsg = component === 'pusher' ? ERR_MSG.get(code) : undefined;
  if (errMsg !== undefined) return errMsg;
  const e = describeCode(component, code);
  if (!e) return '';
  // The Chinese doc text is what clients send; the gloss in parentheses is ours.
  return e.meaning.replace(/\s*\([^)]*\)\s*$/, '');
}

/** Name a timeline source's code for reports: 'pusher#p' (or the cloud-live plugin's 'live-room-push#p') → pusher table. */
export function nameForSource(source: string, code: number): string {
  const component: Component | undefined =
    source.startsWith('pusher') || source.startsWith('live-room-push')
      ? 'pusher'
      : source.startsWith('player') || source.startsWith('live-room-play')
        ? 'player'
        : undefined;
  if (!component) {
    const p = describeCode('pusher', code);
    const q = describeCode('player', code);
    return p?.name ?? q?.name ?? `UNKNOWN(${code})`;
  }
  return codeName(component, code);
}
