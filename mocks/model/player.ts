/**
 * The behaviour of <live-player>: a buffer between the network and the screen.
 * In live mode the buffer is kept between min-cache and max-cache; in RTC mode
 * the caches are ignored and a small jitter buffer aims under ~0.5 s (Q11).
 * Loading (2007), first frame (2003/2004), reconnects (2103 ×3 → -2301) and
 * stream end (2006 on RTMP only, Q2) all fall out of the buffer and the link.
 */
import { PlayCode } from '../codes';
import type { CloseReason, ConnectFailure, PlayConnection, PlayObserver, StreamInfo, StreamTarget } from '../link/types';
import { parseStreamUrl } from '../link/target';
import type { PlayerAttrName, PlayerAttrs } from './attributes';
import type { DeviceChange } from './device';
import { type CallResult, fail, OK } from './events';
import { qualityLevel, round } from './netstatus';
import { type Guard, Participant, type ParticipantDeps, type ParticipantRules } from './participant';
import { isValidPlayUrl } from './validate';

type PlayPhase = 'idle' | 'connecting' | 'buffering' | 'playing' | 'loading' | 'retry-wait' | 'ended' | 'gave-up';

const RULES: ParticipantRules<PlayerAttrs> = { pair: { keys: ['minCache', 'maxCache'], warnedOn: 'maxCache' } };

export class PlayerModel extends Participant<'player', PlayConnection, PlayPhase> {
  private paused = false;
  private pausedBy: 'user' | 'navigate' | 'background' | 'native' | undefined;
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
  /** full screen because the phone turned (enable-auto-rotation): turning back leaves it */
  private rotatedFullScreen = false;
  private backgroundPlayback = false;
  private casting: 'off' | 'selecting' | 'on' = 'off';

  constructor(d: ParticipantDeps) {
    super(d, 'player', RULES);
  }

  get state(): { phase: PlayPhase; paused: boolean; bufferMs: number; attempts: number; fullScreen: boolean; pip: boolean } {
    return { phase: this.phase, paused: this.paused, bufferMs: this.bufferMs, attempts: this.reconnect.attempts, fullScreen: this.fullScreen, pip: this.pip };
  }

  // ---------------------------------------------------------------- attributes

  protected afterInsert(): void {
    if (this.attrs.autoplay && this.attrs.src) this.play();
  }

  /** Q3: with autoplay, a new src does not restart playback; stop()+play() applies it. */
  protected get inSession(): boolean {
    return this.phase !== 'idle' && this.phase !== 'ended' && this.phase !== 'gave-up';
  }

  protected insertOnlyRemedy(k: PlayerAttrName): string {
    return k === 'autoplay' ? 'Call play() instead.' : '';
  }

  /** With autoplay, a src that arrives after insertion (setData in onLoad/onReady) starts playing; a src changed mid-play waits (Q3). */
  protected override applyDynamic(k: PlayerAttrName, value: unknown): void {
    super.applyDynamic(k, value);
    if (k === 'src' && this.attrs.autoplay && value && this.phase === 'idle') this.play();
  }

  /** 3001/3002/3003 are RTMP warnings: LiteAV sends them for rtmp:// only; HTTP-FLV and room:// just retry (2103). */
  protected override connectFailed(f: ConnectFailure): void {
    if (parseStreamUrl(this.attrs.src)?.protocol === 'rtmp') return super.connectFailed(f);
    this.lost(undefined);
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
        this.rotatedFullScreen = false;
        this.soon(() => this.d.sink.emit({ type: 'fullscreenchange', detail: { fullScreen: false, direction: 'vertical' } }));
        return OK;
      case 'snapshot': {
        if (this.phase !== 'playing' && this.phase !== 'loading') return fail('snapshot:fail no picture yet');
        return this.snapshotTaken(this.lastStream?.width ?? 0, this.lastStream?.height ?? 0);
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
        this.leavePictureInPicture();
        return OK;
      case 'startCasting':
      case 'switchCasting':
      case 'reconnectCasting':
      case 'exitCasting':
        return this.castingCall(method);
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

  /**
   * Casting to a TV (enable-casting, 2.32.0). The user picks a device
   * (castinguserselect), then the session reports its state
   * (castingstatechange {type, state}); `type` values are UNCONFIRMED: ours
   * name the call. castinginterrupt comes from the device (rig.inject).
   */
  private castingCall(method: 'startCasting' | 'switchCasting' | 'reconnectCasting' | 'exitCasting'): CallResult {
    if (!this.attrs.enableCasting) return fail('operateLivePlayer:fail enable-casting is not set');
    const emit = (type: 'castinguserselect' | 'castingstatechange', detail: Record<string, unknown>): void =>
      this.soon(() => this.d.sink.emit({ type, detail }));
    switch (method) {
      case 'startCasting':
      case 'switchCasting':
        this.casting = 'on';
        emit('castinguserselect', { state: 'success' });
        emit('castingstatechange', { type: method === 'startCasting' ? 'start' : 'switch', state: 'success' });
        return OK;
      case 'reconnectCasting':
        if (this.casting === 'off') return fail('operateLivePlayer:fail not casting');
        this.casting = 'on';
        emit('castingstatechange', { type: 'reconnect', state: 'success' });
        return OK;
      default:
        if (this.casting === 'off') return fail('operateLivePlayer:fail not casting');
        this.casting = 'off';
        emit('castingstatechange', { type: 'exit', state: 'success' });
        return OK;
    }
  }

  /** The TV side broke the casting off (castinginterrupt). */
  interruptCasting(): boolean {
    if (this.casting === 'off') return false;
    this.casting = 'off';
    this.d.sink.emit({ type: 'castinginterrupt', detail: {} });
    return true;
  }

  /** Page navigated away / back (auto-pause-if-navigate). RTC pull carries on while the page is covered (Q10). */
  pageHidden(hidden: boolean): void {
    if (
      hidden &&
      this.attrs.autoPauseIfNavigate &&
      !this.pip &&
      !this.backgroundPlayback &&
      this.attrs.mode !== 'RTC' &&
      this.phase !== 'idle' &&
      !this.paused
    ) {
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
    if (this.inSession) {
      if (this.paused) {
        this.paused = false;
        this.pausedBy = undefined;
      }
      return OK;
    }
    this.applyStaged();
    this.gen++;
    this.reconnect.restartCount();
    this.paused = false;
    this.playRequestedAt = this.d.clock.now();
    const target = parseStreamUrl(this.attrs.src);
    // RTC playback needs a signed acceleration URL; without txSecret/txTime it falls back to the CDN (−2302).
    this.accFallback = this.attrs.mode === 'RTC' && target?.protocol === 'rtmp' && !(target.query.txSecret && target.query.txTime);
    if (this.accFallback) this.after(this.d.random.between(20, 60), () => this.status(PlayCode.ERR_GET_RTMP_ACC_URL_FAIL));
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

  protected target(): StreamTarget | undefined {
    return parseStreamUrl(this.attrs.src);
  }

  protected dial(target: StreamTarget, guard: Guard, connected: () => void): PlayConnection {
    this.bufferMs = 0;
    this.keyFrame = false;
    this.lag = { recv: 0, need: 0, spanMs: 0 };
    const observer: PlayObserver = {
      onConnected: connected,
      onStreamBegin: guard(() => this.going('buffering', PlayCode.RTMP_STREAM_BEGIN)),
      onFailed: guard((f) => this.connectFailed(f)),
      onMessage: guard((text) => {
        if (this.attrs.enableRecvMessage) this.status(PlayCode.GET_MESSAGE, text);
      }),
      onClosed: guard((r) => {
        if (r !== 'unpublished') return this.lost(closeCode(r));
        // RTMP tells the player the anchor stopped: 2006, and playback ends (Q2).
        this.conn = undefined;
        this.finish('ended');
        this.status(PlayCode.PLAY_END);
      }),
    };
    return this.d.link.play(target, observer, `player#${this.d.id}`);
  }

  protected override onLoss(): void {
    this.bufferMs = 0;
  }

  protected giveUp(): void {
    this.finish('gave-up');
  }

  private finish(phase: 'ended' | 'gave-up'): void {
    this.stopAll();
    this.phase = phase;
  }

  protected resetSession(): void {
    this.paused = false;
    this.pausedBy = undefined;
    this.bufferMs = 0;
    this.stallStartedAt = undefined;
  }

  // ---------------------------------------------------------------- media steps

  protected step(dtMs: number): void {
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
      if (!this.rtc || this.d.params.rtcEmitsFirstFrameCodes) this.status(PlayCode.RCV_FIRST_I_FRAME);
      this.status(PlayCode.START_VIDEO_DECODER);
      this.decoderFaults();
    }
    if (s && s.hasVideo && s.width > 0) {
      if (this.lastSize && (this.lastSize[0] !== s.width || this.lastSize[1] !== s.height)) this.status(PlayCode.CHANGE_RESOLUTION);
      this.lastSize = [s.width, s.height];
    }
    if (r.gapMs > 0 && this.phase === 'playing') this.status(PlayCode.WARNING_VIDEO_DISCONTINUITY);

    if (this.phase === 'buffering' || this.phase === 'loading') {
      if (this.keyFrame && this.bufferMs >= this.startThresholdMs()) {
        const first = this.phase === 'buffering';
        this.phase = 'playing';
        this.stallStartedAt = undefined;
        this.lagWarned = false;
        if (!this.rtc || this.d.params.rtcEmitsFirstFrameCodes || !first) this.status(PlayCode.PLAY_BEGIN);
        if (first) {
          this.d.sink.metric('first-frame', { ms: round(this.d.clock.now() - this.playRequestedAt) });
          if (s?.hasVideo) this.status(PlayCode.RENDER_FIRST_FRAME);
        }
      } else if (this.phase === 'loading' && this.stallStartedAt !== undefined) {
        if (!this.lagWarned && this.d.clock.now() - this.stallStartedAt >= this.d.params.videoPlayLagMs) {
          this.lagWarned = true;
          this.status(PlayCode.WARNING_VIDEO_PLAY_LAG);
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
        this.status(PlayCode.PLAY_LOADING);
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
        this.status(PlayCode.WARNING_RECV_DATA_LAG);
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
      // A one-way delay above the target cannot be bought back from the buffer: keep at least
      // the start threshold so that steady arrivals never run it dry (only jitter or loss stall).
      const targetBuf = Math.max(this.startThresholdMs(), this.d.params.rtcTargetLatencyMs - (this.lastDelayMs ?? 0));
      if (this.bufferMs > targetBuf * 1.5) return 1.5;
      if (this.bufferMs > targetBuf) return 1.1;
      return this.bufferMs < targetBuf * 0.5 ? 0.9 : 1;
    }
    const maxMs = this.attrs.maxCache * 1000;
    return this.bufferMs > maxMs ? 1.25 : 1;
  }

  private decoderFaults(): void {
    const dev = this.d.device;
    if (dev.has('hw-decoder-fail')) this.status(PlayCode.WARNING_HW_ACCELERATION_FAIL);
    if (dev.has('first-idr-hw-decode-fail')) this.status(PlayCode.WARNING_FIRST_IDR_HW_DECODE_FAIL);
    if (dev.has('video-decode-glitch')) this.after(1500, () => this.status(PlayCode.WARNING_VIDEO_DECODE_FAIL));
    if (dev.has('audio-decode-glitch')) this.after(1500, () => this.status(PlayCode.WARNING_AUDIO_DECODE_FAIL));
  }

  protected report(): void {
    const w = this.window;
    const connected = w.avg('connected') > 0.5;
    const s = this.lastStream;
    // mute-video / mute-audio (trtc-wx): that part of the member's stream is not received.
    const { muteVideo, muteAudio } = this.attrs;
    const vshare = w.avg('videoShare');
    const recvAll = w.avg('recvKbps');
    const recv = recvAll * ((muteVideo ? 0 : vshare) + (muteAudio ? 0 : 1 - vshare));
    const videoOn = !!s?.hasVideo && !muteVideo;
    const playingShare = w.avg('playing');
    const fps = videoOn ? round(w.avg('fps') * playingShare, 1) : 0;
    const bufFrames = s ? Math.round((this.bufferMs / 1000) * s.fps) : 0;
    const info: Record<string, number> = {
      videoBitrate: muteVideo ? 0 : Math.round(recvAll * vshare),
      audioBitrate: muteAudio || !s?.hasAudio ? 0 : Math.round(recvAll * (1 - vshare)),
      videoFPS: fps,
      videoGOP: s?.gopSeconds ?? 0,
      netSpeed: Math.round(recv),
      netJitter: Math.round(w.avg('jitterMs')),
      netQualityLevel: qualityLevel(w.avg('capacityKbps'), w.avg('neededKbps'), w.avg('lossPct'), w.avg('rttMs'), connected),
      videoWidth: videoOn && s ? s.width : 0,
      videoHeight: videoOn && s ? s.height : 0,
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
    this.addCpu(info, [5, 15], [15, 40]);
    w.reset();
    this.d.sink.emit({ type: 'netstatus', detail: { info } });
    if (this.phase === 'playing' && this.lastDelayMs !== undefined) {
      const latency = round(this.lastDelayMs + this.bufferMs);
      this.d.sink.metric('latency', { ms: latency, bufferMs: round(this.bufferMs), networkMs: round(this.lastDelayMs) });
    }
    if (this.phase === 'playing' && !this.attrs.muted) {
      this.d.sink.emit({
        type: 'audiovolumenotify',
        detail: { volume: s?.hasAudio && !muteAudio ? Math.round(this.d.random.between(0.1, 0.5) * this.d.params.audioVolumeMax) : 0 },
      });
    }
  }

  // ---------------------------------------------------------------- device

  protected onDevice(c: DeviceChange): void {
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
        if (this.phase !== 'idle') this.status(PlayCode.AUDIO_DEVICE_CHANGED);
        return;
      case 'native-page':
        // auto-pause-if-open-native (§2.1): "pause when opening a native WeChat page".
        if (c.open && this.attrs.autoPauseIfOpenNative && this.phase !== 'idle' && !this.paused) {
          this.paused = true;
          this.pausedBy = 'native';
        } else if (!c.open && this.pausedBy === 'native') {
          this.paused = false;
          this.pausedBy = undefined;
        }
        return;
      case 'rotation':
        // enable-auto-rotation (§2.1): "auto fullscreen on landscape when system auto-rotate is on".
        if (!this.attrs.enableAutoRotation || this.phase === 'idle') return;
        if (c.orientation === 'landscape' && !this.fullScreen) {
          this.fullScreen = true;
          this.rotatedFullScreen = true;
          this.soon(() => this.d.sink.emit({ type: 'fullscreenchange', detail: { fullScreen: true, direction: 'horizontal' } }));
        } else if (c.orientation === 'portrait' && this.rotatedFullScreen) {
          this.fullScreen = false;
          this.rotatedFullScreen = false;
          this.soon(() => this.d.sink.emit({ type: 'fullscreenchange', detail: { fullScreen: false, direction: 'vertical' } }));
        }
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- helpers

  private soon(fn: () => void): void {
    this.d.clock.setTimer(0, fn);
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
