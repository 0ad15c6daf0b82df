/**
 * The streaming server as virtual time sees it: which keys are live, how far
 * the live edge has got, and who watches. Pushers in the rig publish into it;
 * a "remote anchor" (someone publishing from elsewhere) can be added directly.
 */
import type { StreamInfo } from '../types';

export interface ServerStream {
  readonly key: string;
  info: StreamInfo;
  /** clock ms when publishing began: media time 0 */
  publishStartMs: number;
  /** capture time (clock ms) of the newest media the server holds */
  edgeCaptureMs: number;
  /** media dropped upstream so far (frame skipping at the anchor), ms */
  droppedMs: number;
  /** true for a stream published from outside the phone under test */
  readonly remote: boolean;
  live: boolean;
  messages: Array<{ atCaptureMs: number; text: string }>;
  /** clock ms since when a remote anchor sends nothing (its uplink froze), while it does */
  frozenAt?: number;
  /** capture-time spans that were never sent (a freeze): players skip them */
  skips: Array<{ fromMs: number; toMs: number }>;
  /** TRTC: the member also sends a second video (a screen share, `aux`) */
  auxVideo?: boolean;
  /** TRTC: the room:// parameters the member entered with (recvmode …); absent for others */
  roomParams?: Readonly<Record<string, string>>;
}

export interface ServerListener {
  onPublish?(key: string): void;
  onUnpublish?(key: string): void;
  onPlay?(key: string): void;
  onPlayStop?(key: string): void;
  /** what a stream carries changed (camera, microphone, second video) */
  onMediaChange?(key: string): void;
}

export class VirtualServer {
  private readonly streams = new Map<string, ServerStream>();
  private readonly listeners = new Set<ServerListener>();
  /** RTMP players by key, told on unpublish */
  private readonly watchers = new Map<string, Set<(s: ServerStream) => void>>();

  constructor(private readonly now: () => number) {}

  listen(l: ServerListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get(key: string): ServerStream | undefined {
    return this.streams.get(key);
  }

  isLive(key: string): boolean {
    return this.streams.get(key)?.live === true;
  }

  liveKeys(): string[] {
    return [...this.streams.values()].filter((s) => s.live).map((s) => s.key);
  }

  /** Returns undefined when the key is already being published (servers refuse a second publisher). */
  publish(key: string, info: StreamInfo, remote: boolean): ServerStream | undefined {
    const existing = this.streams.get(key);
    if (existing?.live) return undefined;
    const t = this.now();
    const s: ServerStream = { key, info, publishStartMs: t, edgeCaptureMs: t, droppedMs: 0, remote, live: true, messages: [], skips: [] };
    this.streams.set(key, s);
    for (const l of this.listeners) l.onPublish?.(key);
    return s;
  }

  unpublish(key: string): void {
    const s = this.streams.get(key);
    if (!s || !s.live) return;
    s.live = false;
    for (const l of this.listeners) l.onUnpublish?.(key);
    for (const w of [...(this.watchers.get(key) ?? [])]) w(s);
  }

  /** What a live stream carries changes: the camera, the microphone or the second video turned on or off. */
  setMedia(key: string, media: { video?: boolean; audio?: boolean; aux?: boolean }): void {
    const s = this.streams.get(key);
    if (!s || !s.live) return;
    const before = { video: s.info.hasVideo, audio: s.info.hasAudio, aux: s.auxVideo === true };
    s.info = { ...s.info, hasVideo: media.video ?? s.info.hasVideo, hasAudio: media.audio ?? s.info.hasAudio };
    s.auxVideo = media.aux ?? s.auxVideo;
    if (before.video === s.info.hasVideo && before.audio === s.info.hasAudio && before.aux === (s.auxVideo === true)) return;
    for (const l of this.listeners) l.onMediaChange?.(key);
  }

  /** Live edge of a stream; a remote anchor's edge follows the clock, except while it is frozen. */
  edge(s: ServerStream): number {
    if (s.remote && s.live && s.frozenAt === undefined) s.edgeCaptureMs = this.now();
    return s.edgeCaptureMs;
  }

  /** A remote anchor stops sending (connection open); what it captures meanwhile is never sent. */
  freeze(key: string): void {
    const s = this.streams.get(key);
    if (!s || !s.live || s.frozenAt !== undefined) return;
    this.edge(s);
    s.frozenAt = this.now();
  }

  thaw(key: string): void {
    const s = this.streams.get(key);
    if (!s || s.frozenAt === undefined) return;
    const fromMs = s.frozenAt;
    s.frozenAt = undefined;
    const toMs = this.now();
    s.skips.push({ fromMs, toMs });
    s.droppedMs += toMs - fromMs;
    this.edge(s);
  }

  watch(key: string, onEnd: (s: ServerStream) => void): () => void {
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    set.add(onEnd);
    for (const l of this.listeners) l.onPlay?.(key);
    return () => {
      set?.delete(onEnd);
      for (const l of this.listeners) l.onPlayStop?.(key);
    };
  }
}
