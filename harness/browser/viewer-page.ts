/**
 * What runs inside the browser viewer's page: mpegts.js plays the HTTP-FLV
 * URL into a <video>, and the page reports what a person watching would
 * notice — the first picture, the picture freezing and coming back, errors
 * (after which it opens a new player, as live pages do), the end of the
 * stream — with latency per frame from the in-band clock
 * (docs/in-band-clock.md).
 *
 * Latency: every video frame a live-harness publisher sends carries an H.264
 * SEI (user data unregistered, UUID "LH-clock-live-h1") with the publisher's
 * Date.now() when the frame left it. mpegts.js hands each SEI to SEI_ARRIVED
 * with the frame's presentation time on the media timeline the <video> plays
 * (it subtracts the same timestamp base its remuxer does). When the <video>
 * presents a frame, requestVideoFrameCallback gives that frame's mediaTime;
 * the SEI with the same presentation time is that frame's send time. A frame
 * whose time matches no clock (the remuxer shifted timestamps to close a gap,
 * or the SEI came before the remuxer's base was known) gives no sample and is
 * counted as unmatched: no sample is ever paired with another frame's clock.
 *
 * The page's clock and the publisher's are the same machine's wall clock:
 * performance.timeOrigin + performance.now() here, Date.now() in Node.
 *
 * This function is serialised into the page (page.evaluate): it may use only
 * its argument and the page's globals, never anything imported.
 */

export interface ViewerPageArgs {
  readonly url: string;
  /** no new frame for this long counts as a stall */
  readonly stallMs: number;
  /** how often the page sends its figures */
  readonly metricsEveryMs: number;
  /** after a player error, a new player this much later; negative: never */
  readonly reconnectMs: number;
}

/** What the page reports; Node puts it on the timeline. */
export type ViewerReport =
  | { readonly type: 'load'; readonly wallMs: number }
  | { readonly type: 'first-frame'; readonly wallMs: number; readonly ms: number; readonly width: number; readonly height: number }
  | { readonly type: 'stall'; readonly wallMs: number; readonly lastFrameWallMs: number }
  | { readonly type: 'recovered'; readonly wallMs: number; readonly stalledMs: number }
  | { readonly type: 'error'; readonly wallMs: number; readonly errorType: string; readonly detail: string; readonly info: string }
  | { readonly type: 'ended'; readonly wallMs: number; readonly how: string }
  /** `after`: the player error that made the page start a new player (mpegts.js's detail: HttpStatusCodeInvalid, UnrecoverableEarlyEof …) */
  | { readonly type: 'reconnect'; readonly wallMs: number; readonly after: string }
  | {
      readonly type: 'metrics';
      readonly wallMs: number;
      /** per presented frame with a clock: [display − sent, arrival − sent] ms */
      readonly latency: ReadonlyArray<readonly [number, number]>;
      readonly unmatchedFrames: number;
      readonly frames: number;
      readonly forMs: number;
      readonly rateKbps: number | undefined;
      readonly droppedFrames: number;
    };

/** Runs in the page. `report` is the function Node exposed as window.__lhReport. */
export function runViewerPage(args: ViewerPageArgs): void {
  type Sei = { type: number; uuid: Uint8Array; user_data: Uint8Array; pts?: number };
  type Mpegts = {
    createPlayer(
      source: object,
      config: object,
    ): {
      attachMediaElement(v: HTMLVideoElement): void;
      load(): void;
      play(): Promise<void> | void;
      destroy(): void;
      on(event: string, fn: (...a: unknown[]) => void): void;
    };
    Events: Record<string, string>;
  };
  const w = window as unknown as { mpegts: Mpegts; __lhReport(r: unknown): void; __lhStop?: () => void };
  const report = (r: object): void => void w.__lhReport(r);
  const wall = (): number => performance.timeOrigin + performance.now();
  const CLOCK_UUID = 'LH-clock-live-h1';

  const video = document.createElement('video');
  video.muted = true; // autoplay without a gesture
  video.playsInline = true;
  document.body.appendChild(video);

  // presentation ms on the media timeline → [sent wall ms, arrival wall ms]
  const clocks = new Map<number, [number, number]>();
  let latency: Array<[number, number]> = [];
  let unmatched = 0;
  let frames = 0;
  let firstFrameAt: number | undefined;
  let lastFrameAt = 0;
  let stalledSince: number | undefined;
  let rateKbps: number | undefined;
  let periodStart = wall();
  let ended = false;

  const decoder = new TextDecoder('latin1');
  type Player = ReturnType<Mpegts['createPlayer']>;
  let player: Player;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = (): void => {
    player = w.mpegts.createPlayer(
      { type: 'flv', isLive: true, url: args.url },
      {
        enableWorker: false,
        enableStashBuffer: false,
        // A live viewer joins at the server's cached key frame, up to a GOP behind. It jumps to near the live
        // edge when more than 0.6 s behind, then plays 1.2× until its buffer is at the target: a player buffer
        // that ends the same whoever joined when (within what 1.2× overshoots between two timeupdates, ~50 ms),
        // so that two viewers' latencies compare.
        liveBufferLatencyChasing: true,
        liveBufferLatencyMaxLatency: 0.6,
        liveBufferLatencyMinRemain: 0.35,
        liveSync: true,
        liveSyncTargetLatency: 0.3,
        liveSyncMaxLatency: 0.3,
        liveSyncPlaybackRate: 1.2,
      },
    );
    const E = w.mpegts.Events;
    player.on(E.SEI_ARRIVED, (s: unknown) => {
      const sei = s as Sei;
      if (sei.type !== 5 || sei.pts === undefined || decoder.decode(sei.uuid) !== CLOCK_UUID) return;
      const m = /^lh:([\d.]+):(\d+)/.exec(decoder.decode(sei.user_data));
      if (m) clocks.set(Math.round(sei.pts), [Number(m[1]), wall()]);
    });
    player.on(E.ERROR, (type: unknown, detail: unknown, info: unknown) => {
      report({ type: 'error', wallMs: wall(), errorType: String(type), detail: String(detail), info: JSON.stringify(info ?? null) });
      // As a live page does: a new player after a pause, for as long as the page is open.
      if (reconnectTimer === undefined && !stopped && args.reconnectMs >= 0)
        reconnectTimer = setTimeout(() => {
          reconnectTimer = undefined;
          if (stopped) return;
          report({ type: 'reconnect', wallMs: wall(), after: String(detail) });
          try {
            player.destroy();
          } catch {
            // a player that failed may fail to tear down; the new one replaces it either way
          }
          clocks.clear();
          ended = false;
          open();
        }, args.reconnectMs);
    });
    player.on(E.LOADING_COMPLETE, () => {
      // The HTTP response ended: the server closed the stream (the publisher left).
      if (!ended) report({ type: 'ended', wallMs: wall(), how: 'loading-complete' });
      ended = true;
    });
    player.on(E.STATISTICS_INFO, (s: unknown) => {
      const speed = (s as { speed?: number }).speed; // KB/s over mpegts.js's last second
      if (typeof speed === 'number') rateKbps = Math.round(speed * 8);
    });
    player.attachMediaElement(video);
    player.load();
    void Promise.resolve(player.play()).catch(() => undefined); // muted autoplay is allowed; a refusal would show as no first frame
  };

  const onFrame = (_now: number, md: VideoFrameCallbackMetadata): void => {
    const at = wall();
    frames++;
    if (firstFrameAt === undefined) {
      firstFrameAt = at;
      report({ type: 'first-frame', wallMs: at, ms: Math.round(at - loadAt), width: md.width, height: md.height });
    }
    if (stalledSince !== undefined) {
      report({ type: 'recovered', wallMs: at, stalledMs: Math.round(at - lastFrameAt) });
      stalledSince = undefined;
    }
    lastFrameAt = at;
    const pts = Math.round(md.mediaTime * 1000);
    const clock = clocks.get(pts) ?? clocks.get(pts - 1) ?? clocks.get(pts + 1);
    if (clock) {
      const shown = performance.timeOrigin + md.expectedDisplayTime;
      latency.push([Math.round(shown - clock[0]), Math.round(clock[1] - clock[0])]);
    } else unmatched++;
    for (const k of clocks.keys()) if (k <= pts + 1) clocks.delete(k);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);

  const timer = setInterval(() => {
    const now = wall();
    if (firstFrameAt !== undefined && stalledSince === undefined && !ended && now - lastFrameAt > args.stallMs) {
      stalledSince = now;
      report({ type: 'stall', wallMs: now, lastFrameWallMs: lastFrameAt });
    }
    if (now - periodStart >= args.metricsEveryMs) {
      const q = video.getVideoPlaybackQuality();
      report({
        type: 'metrics',
        wallMs: now,
        latency,
        unmatchedFrames: unmatched,
        frames,
        forMs: Math.round(now - periodStart),
        rateKbps: frames > 0 || rateKbps !== undefined ? rateKbps : undefined,
        droppedFrames: q.droppedVideoFrames,
      });
      latency = [];
      unmatched = 0;
      frames = 0;
      periodStart = now;
    }
  }, 100);
  video.addEventListener('ended', () => {
    if (!ended) report({ type: 'ended', wallMs: wall(), how: 'video-ended' });
    ended = true;
  });

  w.__lhStop = () => {
    stopped = true;
    clearInterval(timer);
    if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
    player.destroy();
  };
  const loadAt = wall();
  report({ type: 'load', wallMs: loadAt });
  open();
}
