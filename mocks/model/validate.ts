/**
 * Bad input gets what the real component does (it falls back or ignores) plus
 * a warning that names the attribute, the allowed values and the fix.
 */
import { supports, type ClientProfile } from './client';
import { type AttrSpec, PLAYER_ATTRS, PUSHER_ATTRS, type PlayerAttrs, type PusherAttrs } from './attributes';

export interface AttrWarning {
  readonly attribute: string;
  readonly value: unknown;
  readonly message: string;
}

type Tag = 'live-pusher' | 'live-player';

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

export function nearest(input: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = levenshtein(input, o);
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 2)) ? best : undefined;
}

function warn(tag: Tag, id: string, spec: AttrSpec, value: unknown, reason: string, fallback: string): AttrWarning {
  return {
    attribute: spec.attr,
    value,
    message: `[live-harness] <${tag} id="${id}"> ${spec.attr}=${JSON.stringify(value)} ${reason}. ${fallback}`,
  };
}

/** rtmp:// push, room:// for TRTC; anything else the real pusher cannot push to. */
export function isValidPushUrl(url: string): boolean {
  return /^rtmp:\/\/[^/\s]+\/\S+/i.test(url) || /^room:\/\//i.test(url);
}

/** The player takes rtmp:// and http(s)://…flv (and room:// for TRTC). */
export function isValidPlayUrl(src: string): boolean {
  return /^rtmp:\/\/[^/\s]+\/\S+/i.test(src) || /^https?:\/\/[^/\s]+\/\S*\.flv(\?\S*)?$/i.test(src) || /^room:\/\//i.test(src);
}

function checkCommon<T extends Record<string, unknown>>(
  tag: Tag,
  id: string,
  table: Record<string, AttrSpec>,
  raw: Partial<T>,
  client: ClientProfile,
  out: Record<string, unknown>,
  warnings: AttrWarning[],
): void {
  for (const [name, spec] of Object.entries(table)) {
    const v = (raw as Record<string, unknown>)[name];
    if (v === undefined || v === null) continue;
    if (v === '' && spec.emptyIsDefault) {
      out[name] = spec.default;
      continue;
    }
    if (!supports(client, spec.since)) {
      if (v !== spec.default) {
        warnings.push(
          warn(
            tag,
            id,
            spec,
            v,
            `needs base library ${spec.since}, the client profile has ${client.baseLibrary}`,
            `The real client ignores it; raise the client profile's baseLibrary or drop the attribute.`,
          ),
        );
      }
      continue;
    }
    if (spec.values && spec.type === 'string') {
      if (typeof v !== 'string' || !spec.values.includes(v)) {
        const hint = typeof v === 'string' ? nearest(v, spec.values) : undefined;
        warnings.push(
          warn(
            tag,
            id,
            spec,
            v,
            `is not an allowed value${hint ? ` (did you mean "${hint}"?)` : ''}`,
            `Allowed: ${spec.values.join(', ')}. The component falls back to "${String(spec.default)}".`,
          ),
        );
        continue;
      }
    }
    if (spec.type === 'number') {
      // WXML gives attribute text: "1000" is a number, "abc" is not (never 0, as a Number cast would make it).
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        warnings.push(warn(tag, id, spec, v, 'is not a number', `The component uses the default ${String(spec.default)}.`));
        continue;
      }
      if (spec.range && (n < spec.range[0] || n > spec.range[1])) {
        const clamped = Math.min(spec.range[1], Math.max(spec.range[0], n));
        warnings.push(warn(tag, id, spec, v, `is outside ${spec.range[0]}–${spec.range[1]}`, `The component clamps it to ${clamped}.`));
        out[name] = clamped;
        continue;
      }
      if (spec.excluded?.includes(n)) {
        warnings.push(warn(tag, id, spec, v, `is not one of its values (there is no ${n})`, `The component uses the default ${String(spec.default)}.`));
        continue;
      }
      out[name] = n;
      continue;
    }
    if (spec.type === 'string-or-array') {
      const list = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
      const bad = list.filter((x) => !spec.values?.includes(String(x)));
      if (bad.length > 0) {
        warnings.push(
          warn(
            tag,
            id,
            spec,
            v,
            `contains ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
            `Allowed: [], ${spec.values?.map((x) => `"${x}"`).join(', ')} or an array of them.`,
          ),
        );
      }
      out[name] = list.filter((x) => spec.values?.includes(String(x)));
      continue;
    }
    out[name] = v;
  }
}

export function normalizePusherAttrs(
  id: string,
  raw: Partial<PusherAttrs>,
  base: PusherAttrs,
  client: ClientProfile,
): { attrs: PusherAttrs; warnings: AttrWarning[] } {
  const warnings: AttrWarning[] = [];
  const out: Record<string, unknown> = { ...base };
  checkCommon('live-pusher', id, PUSHER_ATTRS, raw, client, out, warnings);
  const attrs = out as PusherAttrs;
  if (attrs.url && !isValidPushUrl(attrs.url)) {
    warnings.push(
      warn(
        'live-pusher',
        id,
        PUSHER_ATTRS.url,
        attrs.url,
        'is not a push URL the component accepts',
        'Use rtmp://host/app/stream (or room:// for TRTC); start() will fail.',
      ),
    );
  }
  if (attrs.minBitrate > attrs.maxBitrate) {
    warnings.push(
      warn(
        'live-pusher',
        id,
        PUSHER_ATTRS.minBitrate,
        attrs.minBitrate,
        `is above max-bitrate=${attrs.maxBitrate}`,
        `The encoder holds ${attrs.maxBitrate} kbps; set min-bitrate ≤ max-bitrate.`,
      ),
    );
    attrs.minBitrate = attrs.maxBitrate;
  }
  return { attrs, warnings };
}

export function normalizePlayerAttrs(
  id: string,
  raw: Partial<PlayerAttrs>,
  base: PlayerAttrs,
  client: ClientProfile,
): { attrs: PlayerAttrs; warnings: AttrWarning[] } {
  const warnings: AttrWarning[] = [];
  const out: Record<string, unknown> = { ...base };
  checkCommon('live-player', id, PLAYER_ATTRS, raw, client, out, warnings);
  const attrs = out as PlayerAttrs;
  if (attrs.src && !isValidPlayUrl(attrs.src)) {
    warnings.push(
      warn(
        'live-player',
        id,
        PLAYER_ATTRS.src,
        attrs.src,
        'is not a live URL the component plays',
        'Use rtmp://host/app/stream or http(s)://host/app/stream.flv; play() will fail.',
      ),
    );
  }
  if (attrs.maxCache < attrs.minCache) {
    warnings.push(
      warn(
        'live-player',
        id,
        PLAYER_ATTRS.maxCache,
        attrs.maxCache,
        `is below min-cache=${attrs.minCache}`,
        `The player buffers exactly ${attrs.minCache} s; set min-cache ≤ max-cache.`,
      ),
    );
    attrs.maxCache = attrs.minCache;
  }
  return { attrs, warnings };
}
