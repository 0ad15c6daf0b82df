/**
 * The behaviour of <live-player>: a buffer between the network and the screen.
 * In live mode the buffer is kept between min-cache and max-cache; in RTC mode
 * the caches are ignored and a small jitter buffer aims under ~0.5 s (Q11).
 * Loading (2007), first frame (2003/2004), reconnects (2103 ×3 → -2301) and
 * stream end (2006 on RTMP only, Q2) all fall out of the buffer and the link.
 */
import { PlayCode, defaultMessage } from '../codes';
import type { CloseReason, ConnectFailure, PlayConnection, StreamInfo } from '../link/types';
import { parseStreamUrl } from '../link/target';
import { applyRule, defaultsOf, PLAYER_ATTRS, type PlayerAttrName, type PlayerAttrs } from './attributes';
import { supports } from './client';
import type { TimerHandle } from '../time';
import type { DeviceChange } from './device';
import { type CallResult, fail, OK } from './events';
import { qualityLevel, round, Window } from './netstatus';
import { type ParticipantDeps, sameValue } from './pusher';
import { isValidPlayUrl, normalizePlayerAttrs } from './validate';

type PlayPhase = 'idle' | 'connecting' | 'buffering' | 'playing' | 'loading' | 'retry-wait' | 'ended' | 'gave-up';

export class PlayerModel {
  attrs: PlayerAttrs;
  private raw: Partial<PlayerAttrs> = {};
  private staged: Partial<PlayerAttrs> = {};
  private inserted = false;

  private phase: PlayPhase = 'idle';
  private paused = false;
  private pausedBy: 'user' | 'navigate' | 'background' | undefined;
  private attempts = 0;
  private conn: PlayConnection | undefined;
  private gen = 0;
  private bufferMs = 0;
  private keyFrame = false;
  private playRequestedAt = 0;
  private stallStartedAt: number | undefined;
  private lagWarned = false;
  private lastRecvLagWarnAt = -Infinity;
  private lag = { recv: 0, need: 0, spanMs: 0 };
  private lastSize: [number, number] | undefined;
  private lastStream: StreamInfo | undefined;
  private lastDelayMs: number | undefined;
  private accFallback = false;
  private fullScreen = false;
  private pip = false;
  private backgroundPlayback = false;
  private tickTimer: TimerHandle | undefined;
  private netTimer: TimerHandle | undefined;
  private retryTimer: TimerHandle | undefined;
  private pending: TimerHandle[] = [];
  private readonly window = new Window();
  private readonly unsubscribe: () => void;

  constructor(private readonly d: ParticipantDeps) {
    this.attrs = defaultsOf<PlayerAttrs>(PLAYER_ATTRS);
    this.unsubscribe = d.device.subscribe((c) => this.onDevice(c));
  }

  get state(): { phase: PlayPhase; paused: boolean; bufferMs: number; attempts: number; fullScreen: boolean; pip: boolean } {
    return { phase: this.phase, paused: this.paused, bufferMs: this.bufferMs, attempts: this.attempts, fullScreen: this.fullScreen, pip: this.pip };
  }

  // ---------------------------------------------------------------- attributes

  insert(raw: Partial<PlayerAttrs>): void {
    this.inserted = true;
    this.raw = { ...raw };
    const { attrs, warnings } = normalizePlayerAttrs(this.d.id, raw, defaultsOf<PlayerAttrs>(PLAYER_ATTRS), this.d.client);
    for (const w of warnings) this.d.sink.warn(w.message, { attribute: w.attribute, value: w.value });
    this.attrs = attrs;
    if (attrs.autoplay && attrs.src) this.play();
  }

  update(raw: Partial<PlayerAttrs>): void {
    if (!this.inserted) return this.insert(raw);
    const next = { ...this.raw, ...raw };
    const changed = (Object.keys(raw) as PlayerAttrName[]).filter((k) => !sameValue(this.raw[k], next[k]));
    this.raw = next;
    if (changed.length === 0) return;
    const { attrs: normalized, warnings } = normalizePlayerAttrs(this.d.id, next, defaultsOf<PlayerAttrs>(PLAYER_ATTRS), this.d.client);
    for (const w of warnings)
      if (changed.some((k) => PLAYER_ATTRS[k].attr === w.attribute || w.attribute === 'max-cache'))
        this.d.sink.warn(w.message, { attribute: w.attribute, value: w.value });
    const active = this.phase !== 'idle' && this.phase !== 'ended' && this.phase !== 'gave-up';
    for (const k of changed) {
      const spec = PLAYER_ATTRS[k];
      if (!supports(this.d.client, spec.since)) continue;
      const rule = applyRule(spec, this.d.params);
      const value = normalized[k];
      if (rule === 'insert') {
        this.d.sink.warn(
          `[live-harness] <live-player id="${this.d.id}"> ${spec.attr} changed to ${JSON.stringify(value)} after insert; the real component ignores it.${k === 'autoplay' ? ' Call play() instead.' : ''}`,
          { attribute: spec.attr, value, ignored: true },
        );
        continue;
      }
      // Q3: with autoplay, a new src does not restart playback; stop()+play() applies it.
      if (rule === 'restart' && active) {
        (this.staged as Record<string, unknown>)[k] = value;
        continue;
      }
      (this.attrs as Record<string, unknown>)[k] = value;
    }
    if (changed.includes('minCache') || changed.includes('maxCache')) {
      this.attrs.minCache = normalized.minCache;
      this.attrs.maxCache = normalized.maxCache;
    }
  }

  remove(): void {
    this.stopAll();
    this.unsubscribe();
    this.inserted = false;
  }

  // ---------------------------------------------------------------- context methods

  call(method: string, args: Record<string, unknown> = {}): CallResult {
    switch (method) {
      case 'play':
        return this.play();
      case 'stop':
        this.stopAll();
        return OK;
      case 'pause':
        if (this.phase === 'idle') return fail('operateLivePlayer:fail not playing');
        this.paused = true;
        this.pausedBy = 'user';
        return OK;
      case 'resume':
        if (this.phase === 'idle') return fail('operateLivePlayer:fail not playing');
        this.paused = false;
        this.pausedBy = undefined;
        return OK;
      case 'mute':
        this.attrs.muted = !this.attrs.muted;
        return OK;
      case 'requestFullScreen': {
        const dir = args.direction === undefined ? 0 : Number(args.direction);
        if (![0, 90, -90].includes(dir)) return fail(`operateLivePlayer:fail direction ${JSON.stringify(args.direction)} must be 0, 90 or -90`);
        this.fullScreen = true;
        this.soon(() => this.d.sink.emit({ type: 'fullscreenchange', detail: { fullScreen: true, direction: dir === 0 ? 'vertical' : 'horizontal' } }));
        return OK;
      }
      case 'exitFullScreen':
        if (!this.fullScreen) return OK;
        this.fullScreen = false;
        this.soon(() => this.d.sink.emit({ type: 'fullscreenchange', detail: { fullScreen: false, direction: 'vertical' } }));
        return OK;
      case 'snapshot': {
        if (this.phase !== 'playing' && this.phase !== 'loading') return fail('snapshot:fail no picture yet');
        const s = this.lastStream;
        return {
          ok: true,
          result: {
            width: String(s?.width ?? 0),
            height: String(s?.height ?? 0),
            tempImagePath: `wxfile://tmp/live-harness-snapshot-${this.d.id}-${Math.round(this.d.clock.now())}.jpg`,
          },
        };
      }
      case 'requestPictureInPicture': {
        const modes = this.attrs.pictureInPictureMode;
        if (!Array.isArray(modes) || modes.length === 0) return fail('operateLivePlayer:fail picture-in-picture-mode is not set');
        if (!this.pip) {
          this.pip = true;
          this.soon(() => this.d.sink.emit({ type: 'enterpictureinpicture', detail: {} }));
        }
        return OK;
      }
      case 'exitPictureInPicture':
        if (this.pip) {
          this.pip = false;
          this.soon(() => this.d.sink.emit({ type: 'leavepictureinpicture', detail: {} }));
        }
        return OK;
      case 'requestBackgroundPlayback':
        this.backgroundPlayback = true;
        return OK;
      case 'exitBackgroundPlayback':
        this.backgroundPlayback = false;
        return OK;
      default:
        return OK;
    }
  }

  /** Page navigated away / back (auto-pause-if-navigate). */
  pageHidden(hidden: boolean): void {
    if (hidden && this.attrs.autoPauseIfNavigate && !this.pip && this.phase !== 'idle' && !this.paused) {
      this.paused = true;
      this.pausedBy = 'navigate';
    } else if (!hidden && this.pausedBy === 'navigate') {
      this.paused = false;
      this.pausedBy = undefined;
    }
  }

  private play(): CallResult {
    if (!isValidPlayUrl(this.attrs.src)) {
      this.d.sink.warn(
        `[live-harness] <live-player id="${this.d.id}"> play() with src=${JSON.stringify(this.attrs.src)}: not a live URL. Use rtmp://host/app/stream or http(s)://host/app/stream.flv.`,
        { attribute: 'src', value: this.attrs.src },
      );
      return fail(`operateLivePlayer:fail invalid src ${JSON.stringify(this.attrs.src)}`);
    }
    if (this.phase !== 'idle' && this.phase !== 'ended' && this.phase !== 'gave-up') {
      if (this.paused) {
        this.paused = false;
        this.pausedBy = undefined;
      }
      return OK;
    }
    for (const [k, v] of Object.entries(this.staged)) (this.attrs as Record<string, unknown>)[k] = v;
    this.staged = {};
    this.gen++;
    this.attempts = 0;
    this.paused = false;
    this.playRequestedAt = this.d.clock.now();
    const target = parseStreamUrl(this.attrs.src);
    // RTC playback needs a signed acceleration URL; without txSecret/txTime it falls back to the CDN (−2302).
    this.accFallback = this.attrs.mode === 'RTC' && target?.protocol === 'rtmp' && !(target.query.txSecret && target.query.txTime);
    if (this.accFallback) this.after(this.d.random.between(20, 60), () => this.state_(PlayCode.ERR_GET_RTMP_ACC_URL_FAIL));
    this.connect();
    this.startTicks();
    return OK;
  }

  private get rtc(): boolean {
    return this.attrs.mode === 'RTC' && !this.accFallback;
  }

  /** Buffer level at which playback starts or resumes. */
  private startThresholdMs(): number {
    return this.rtc ? Math.min(150, this.d.params.rtcTargetLatencyMs / 2) : Math.max(100, this.attrs.minCache * 1000);
  }

  // ---------------------------------------------------------------- connection

  private connect(): void {
    const target = parseStreamUrl(this.attrs.src);
    if (!target) return;
    this.phase = 'connecting';
    this.bufferMs = 0;
    this.keyFrame = false;
    this.lag = { recv: 0, need: 0, spanMs: 0 };
    const gen = this.gen;
    const live = (c: PlayConnection): boolean => gen === this.gen && c === this.conn;
    const conn = this.d.link.play(
      target,
      {
        onConnected: () => live(conn) && this.state_(PlayCode.CONNECT_SUCC),
        onStreamBegin: () => {
          if (!live(conn)) return;
          this.phase = 'buffering';
          this.attempts = 0;
          this.state_(PlayCode.RTMP_STREAM_BEGIN);
        },
        onFailed: (f) => live(conn) && this.lost(failureCode(f)),
        onMessage: (text) => {
          if (live(conn) && this.attrs.enableRecvMessage) this.d.sink.emit({ type: 'statechange', detail: { code: PlayCode.GET_MESSAGE, message: text } });
        },
        onClosed: (r) => {
          if (!live(conn)) return;
          if (r === 'unpublished') {
            // RTMP tells the player the anchor stopped: 2006, and playback ends (Q2).
            this.conn = undefined;
            this.finish('ended');
            this.state_(PlayCode.PLAY_END);
            return;
          }
          this.lost(closeCode(r));
        },
      },
      `player#${this.d.id}`,
    );
    this.conn = conn;
  }

  private lost(code: number | undefined): void {
    this.conn = undefined;
    this.phase = 'retry-wait';
    this.bufferMs = 0;
    if (code !== undefined) this.state_(code);
    if (this.attempts >= this.d.params.reconnectAttempts) {
      // State first, event last: the page may call play() again from inside the handler.
      this.finish('gave-up');
      this.state_(PlayCode.ERR_NET_DISCONNECT);
      return;
    }
    this.attempts++;
    this.state_(PlayCode.WARNING_RECONNECT);
    this.retryTimer = this.d.clock.setTimer(this.d.params.reconnectIntervalMs, () => {
      this.retryTimer = undefined;
      this.connect();
    });
  }

  private finish(phase: 'ended' | 'gave-up'): void {
    this.stopAll();
    this.phase = phase;
  }

  private stopAll(): void {
    this.gen++;
    this.phase = 'idle';
    this.paused = false;
    this.pausedBy = undefined;
    this.attempts = 0;
    this.bufferMs = 0;
    this.conn?.close();
    this.conn = undefined;
    this.d.clock.clearTimer(this.retryTimer);
    this.retryTimer = undefined;
    for (const t of this.pending) this.d.clock.clearTimer(t);
    this.pending = [];
    this.d.clock.clearTimer(this.tickTimer);
    this.d.clock.clearTimer(this.netTimer);
    this.tickTimer = undefined;
    this.netTimer = undefined;
    this.stallStartedAt = undefined;
    for (const [k, v] of Object.entries(this.staged)) (this.attrs as Record<string, unknown>)[k] = v;
    this.staged = {};
  }

  // ---------------------------------------------------------------- media steps

  private startTicks(): void {
    this.window.reset();
    const { clock, params } = this.d;
    // Step by the time that really passed: exactly tickMs in virtual time, whatever the event loop allowed on real media.
    let last = clock.now();
    const tick = (): void => {
      this.tickTimer = clock.setTimer(params.tickMs, tick);
      const now = clock.now();
      this.step(now - last);
      last = now;
    };
    const net = (): void => {
      this.netTimer = clock.setTimer(params.netstatusIntervalMs, net);
      this.report();
    };
    this.tickTimer = clock.setTimer(params.tickMs, tick);
    this.netTimer = clock.setTimer(params.netstatusIntervalMs, net);
  }

  private step(dtMs: number): void {
    const receiving = (this.phase === 'buffering' || this.phase === 'playing' || this.phase === 'loading') && !this.paused && this.conn;
    if (!receiving || !this.conn) {
      this.window.add({ recvKbps: 0, capacityKbps: 0, connected: 0, playing: 0, fps: 0, rttMs: 0, jitterMs: 0, lossPct: 0, neededKbps: 0 });
      return;
    }
    const r = this.conn.receive(dtMs);
    const c = this.conn.conditions();
    const s = r.stream;
    if (s) this.lastStream = s;
    if (r.arrivalDelayMs !== undefined) this.lastDelayMs = r.arrivalDelayMs;
    this.bufferMs += r.receivedMediaMs;
    const needed = s ? (s.hasVideo ? s.videoKbps : 0) + (s.hasAudio ? s.audioKbps : 0) : 0;

    if (r.keyFrameSeen && !this.keyFrame) {
      this.keyFrame = true;
      if (!this.rtc || this.d.params.rtcEmitsFirstFrameCodes) this.state_(PlayCode.RCV_FIRST_I_FRAME);
      this.state_(PlayCode.START_VIDEO_DECODER);
      this.decoderFaults();
    }
    if (s && s.hasVideo && s.width > 0) {
      if (this.lastSize && (this.lastSize[0] !== s.width || this.lastSize[1] !== s.height)) this.state_(PlayCode.CHANGE_RESOLUTION);
      this.lastSize = [s.width, s.height];
    }
    if (r.gapMs > 0 && this.phase === 'playing') this.state_(PlayCode.WARNING_VIDEO_DISCONTINUITY);

    if (this.phase === 'buffering' || this.phase === 'loading') {
      if (this.keyFrame && this.bufferMs >= this.startThresholdMs()) {
        const first = this.phase === 'buffering';
        this.phase = 'playing';
        this.stallStartedAt = undefined;
        this.lagWarned = false;
        if (!this.rtc || this.d.params.rtcEmitsFirstFrameCodes || !first) this.state_(PlayCode.PLAY_BEGIN);
        if (first) {
          this.d.sink.metric('first-frame', { ms: round(this.d.clock.now() - this.playRequestedAt) });
          if (s?.hasVideo) this.state_(PlayCode.RENDER_FIRST_FRAME);
        }
      } else if (this.phase === 'loading' && this.stallStartedAt !== undefined) {
        if (!this.lagWarned && this.d.clock.now() - this.stallStartedAt >= this.d.params.videoPlayLagMs) {
          this.lagWarned = true;
          this.state_(PlayCode.WARNING_VIDEO_PLAY_LAG);
        }
      }
    } else if (this.phase === 'playing') {
      const speed = this.playbackSpeed();
      const consume = dtMs * speed;
      if (this.bufferMs >= consume) this.bufferMs -= consume;
      else {
        this.bufferMs = 0;
        this.phase = 'loading';
        this.stallStartedAt = this.d.clock.now();
        this.state_(PlayCode.PLAY_LOADING);
      }
    }
    // Data arriving much slower than the stream needs, while still arriving: "来包不稳".
    // Judged over about a second: real frames come in lumps, one step proves nothing.
    const lag = this.lag;
    lag.recv += r.receivedKbps * dtMs;
    lag.need += needed * dtMs;
    lag.spanMs += dtMs;
    if (lag.spanMs >= 1000) {
      if (lag.need > 0 && lag.recv > 0 && lag.recv < lag.need * 0.6 && this.d.clock.now() - this.lastRecvLagWarnAt > 5000) {
        this.lastRecvLagWarnAt = this.d.clock.now();
        this.state_(PlayCode.WARNING_RECV_DATA_LAG);
      }
      this.lag = { recv: 0, need: 0, spanMs: 0 };
    }
    this.window.add({
      recvKbps: r.receivedKbps,
      capacityKbps: r.capacityKbps,
      connected: 1,
      playing: this.phase === 'playing' ? 1 : 0,
      fps: s?.fps ?? 0,
      rttMs: c.rttMs,
      jitterMs: c.jitterMs,
      lossPct: c.lossPct,
      neededKbps: needed,
      videoShare: s && needed > 0 ? (s.hasVideo ? s.videoKbps : 0) / needed : 0,
    });
  }

  /**
   * Live mode drains a buffer above max-cache by playing faster; RTC keeps the
   * buffer near its target both ways, stretching playout a little when it runs
   * low (as RTC jitter buffers do) so that arrival jitter does not stall it.
   */
  private playbackSpeed(): number {
    if (this.rtc) {
      const targetBuf = Math.max(80, this.d.params.rtcTargetLatencyMs - (this.lastDelayMs ?? 0));
      if (this.bufferMs > targetBuf * 1.5) return 1.5;
      if (this.bufferMs > targetBuf) return 1.1;
      return this.bufferMs < targetBuf * 0.5 ? 0.9 : 1;
    }
    const maxMs = this.attrs.maxCache * 1000;
    return this.bufferMs > maxMs ? 1.25 : 1;
  }

  private decoderFaults(): void {
    const dev = this.d.device;
    if (dev.has('hw-decoder-fail')) this.state_(PlayCode.WARNING_HW_ACCELERATION_FAIL);
    if (dev.has('first-idr-hw-decode-fail')) this.state_(PlayCode.WARNING_FIRST_IDR_HW_DECODE_FAIL);
    if (dev.has('video-decode-glitch')) this.after(1500, () => this.state_(PlayCode.WARNING_VIDEO_DECODE_FAIL));
    if (dev.has('audio-decode-glitch')) this.after(1500, () => this.state_(PlayCode.WARNING_AUDIO_DECODE_FAIL));
  }

  private report(): void {
    const w = this.window;
    const connected = w.avg('connected') > 0.5;
    const s = this.lastStream;
    const recv = w.avg('recvKbps');
    const vshare = w.avg('videoShare');
    const playingShare = w.avg('playing');
    const fps = s && s.hasVideo ? round(w.avg('fps') * playingShare, 1) : 0;
    const bufFrames = s ? Math.round((this.bufferMs / 1000) * s.fps) : 0;
    const info: Record<string, number> = {
      videoBitrate: Math.round(recv * vshare),
      audioBitrate: Math.round(recv * (1 - vshare)),
      videoFPS: fps,
      videoGOP: s?.gopSeconds ?? 0,
      netSpeed: Math.round(recv),
      netJitter: Math.round(w.avg('jitterMs')),
      netQualityLevel: qualityLevel(w.avg('capacityKbps'), w.avg('neededKbps'), w.avg('lossPct'), w.avg('rttMs'), connected),
      videoWidth: s?.hasVideo ? s.width : 0,
      videoHeight: s?.hasVideo ? s.height : 0,
      // Player caches are durations in ms (§2.3), unlike the pusher's frame counts.
      videoCache: Math.round(this.bufferMs),
      audioCache: Math.round(this.bufferMs),
      vSumCacheSize: bufFrames,
      avPlayInterval: Math.round(this.d.random.between(-20, 20)),
      avRecvInterval: Math.round(this.d.random.between(-40, 40)),
      audioCacheThreshold: this.rtc ? this.d.params.rtcTargetLatencyMs : Math.round(this.attrs.maxCache * 1000),
    };
    // vDecCacheSize exists with Android hardware decoding only (§2.3).
    if (this.d.client.platform === 'android') info.vDecCacheSize = Math.min(bufFrames, 3);
    if (this.d.params.netstatusIncludesCpu) {
      info.appCpu = round(this.d.random.between(5, 15), 1);
      info.systemCpu = round(this.d.random.between(15, 40), 1);
    }
    w.reset();
    this.d.sink.emit({ type: 'netstatus', detail: { info } });
    if (this.phase === 'playing' && this.lastDelayMs !== undefined) {
      const latency = round(this.lastDelayMs + this.bufferMs);
      this.d.sink.metric('latency', { ms: latency, bufferMs: round(this.bufferMs), networkMs: round(this.lastDelayMs) });
    }
    if (this.phase === 'playing' && !this.attrs.muted) {
      this.d.sink.emit({
        type: 'audiovolumenotify',
        detail: { volume: s?.hasAudio ? Math.round(this.d.random.between(0.1, 0.5) * this.d.params.audioVolumeMax) : 0 },
      });
    }
  }

  // ---------------------------------------------------------------- device

  private onDevice(c: DeviceChange): void {
    switch (c.type) {
      case 'background':
        if (this.phase !== 'idle' && !this.backgroundPlayback && !this.pip && !this.paused) {
          this.paused = true;
          this.pausedBy = 'background';
        }
        return;
      case 'foreground':
        if (this.pausedBy === 'background') {
          this.paused = false;
          this.pausedBy = undefined;
        }
        return;
      case 'audio-route':
        if (this.phase !== 'idle') this.state_(PlayCode.AUDIO_DEVICE_CHANGED);
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- helpers

  private state_(code: number): void {
    this.d.sink.emit({ type: 'statechange', detail: { code, message: defaultMessage('player', code, this.d.client.platform) } });
  }

  private after(ms: number, fn: () => void): void {
    const gen = this.gen;
    const h = this.d.clock.setTimer(ms, () => {
      this.pending = this.pending.filter((x) => x !== h);
      if (gen === this.gen) fn();
    });
    this.pending.push(h);
  }

  private soon(fn: () => void): void {
    this.d.clock.setTimer(0, fn);
  }
}

function failureCode(f: ConnectFailure): number {
  switch (f) {
    case 'dns':
      return PlayCode.WARNING_DNS_FAIL;
    case 'handshake':
      return PlayCode.WARNING_SHAKE_FAIL;
    default:
      return PlayCode.WARNING_SEVER_CONN_FAIL;
  }
}

function closeCode(r: CloseReason): number | undefined {
  switch (r) {
    case 'server-close':
      return PlayCode.WARNING_SERVER_DISCONNECT;
    case 'reset':
    case 'timeout':
      return PlayCode.WARNING_READ_WRITE_FAIL;
    default:
      // HTTP-FLV: the response just ends; the player only notices the disconnect (Q2).
      return undefined;
  }
}
