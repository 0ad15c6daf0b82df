/**
 * Figures per participant, read off the timeline so that virtual and real
 * runs are measured the same way.
 */
import { PlayCode, PushCode } from '../../mocks/codes';
import type { Mark, TimelineEntry } from '../record';

/**
 * For a browser viewer (`browser#<id>`, harness/browser): first frame is load → first picture; latency
 * is over its per-second medians; bitrate and fps come from its `playback` metric; reconnects are new
 * players after errors; stalls are its `stall` actions.
 */
export interface ParticipantMetrics {
  readonly source: string;
  /** play()/autoplay to first picture (2004), ms */
  readonly firstFrameMs: number | undefined;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly max: number; readonly samples: number } | undefined;
  /** mean video bitrate over netstatus reports while media flowed, kbps */
  readonly videoBitrateKbps: number | undefined;
  readonly fps: number | undefined;
  readonly reconnects: number;
  readonly stalls: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

const RECONNECT_CODES = new Set<number>([PushCode.WARNING_RECONNECT, PlayCode.WARNING_RECONNECT]);

/** A span of the run: from a mark (or ms on the rig's clock) until another (or the end). */
export interface MetricsWindow {
  readonly from?: Mark | number;
  readonly until?: Mark | number;
}

function inWindow(window: MetricsWindow | undefined): (e: TimelineEntry, i: number) => boolean {
  if (!window) return () => true;
  // A mark cuts by position (what was recorded before it), a number by time.
  const lower = (e: TimelineEntry, i: number): boolean =>
    window.from === undefined ? true : typeof window.from === 'number' ? e.t >= window.from : i >= window.from.index;
  const upper = (e: TimelineEntry, i: number): boolean =>
    window.until === undefined ? true : typeof window.until === 'number' ? e.t < window.until : i < window.until.index;
  return (e, i) => lower(e, i) && upper(e, i);
}

/**
 * Figures per participant. In a window, every figure covers only what
 * happened in it: first-frame time counts only a 2004 inside the window.
 */
export function computeMetrics(all: readonly TimelineEntry[], window?: MetricsWindow): Record<string, ParticipantMetrics> {
  const keep = inWindow(window);
  const entries = all.filter(keep);
  const bySource = new Map<string, TimelineEntry[]>();
  for (const e of entries) {
    if (!e.source.startsWith('pusher#') && !e.source.startsWith('player#') && !e.source.startsWith('browser#')) continue;
    let list = bySource.get(e.source);
    if (!list) bySource.set(e.source, (list = []));
    list.push(e);
  }
  const out: Record<string, ParticipantMetrics> = {};
  for (const [source, list] of bySource) {
    const metric = (name: string): Array<Record<string, number>> =>
      list.filter((e) => e.kind === 'metric' && (e.detail as { name?: string }).name === name).map((e) => e.detail as Record<string, number>);
    const first = metric('first-frame')[0]?.ms;
    const lat = metric('latency')
      .map((d) => d.ms)
      .sort((a, b) => a - b);
    // A browser viewer has no netstatus: its figures come from its own 'playback' metric, its stalls are actions.
    const browser = source.startsWith('browser#');
    const nets = browser
      ? metric('playback')
          .filter((d) => d.rateKbps > 0)
          .map((d) => ({ videoBitrate: d.rateKbps, videoFPS: d.fps }))
      : list
          .filter((e) => e.kind === 'netstatus')
          .map((e) => (e.detail as { info: Record<string, number> }).info)
          .filter((i) => i.videoBitrate > 0);
    out[source] = {
      source,
      firstFrameMs: first,
      latencyMs: lat.length ? { p50: percentile(lat, 50), p95: percentile(lat, 95), max: lat[lat.length - 1], samples: lat.length } : undefined,
      videoBitrateKbps: nets.length ? Math.round(nets.reduce((s, i) => s + i.videoBitrate, 0) / nets.length) : undefined,
      fps: nets.length ? Math.round((nets.reduce((s, i) => s + i.videoFPS, 0) / nets.length) * 10) / 10 : undefined,
      reconnects: browser
        ? list.filter((e) => e.kind === 'action' && (e.detail as { action?: string }).action === 'reconnect').length
        : list.filter((e) => e.kind === 'statechange' && e.code !== undefined && RECONNECT_CODES.has(e.code)).length,
      stalls: browser
        ? list.filter((e) => e.kind === 'action' && (e.detail as { action?: string }).action === 'stall').length
        : list.filter((e) => e.kind === 'statechange' && e.source.startsWith('player#') && e.code === PlayCode.PLAY_LOADING).length,
    };
  }
  return out;
}
