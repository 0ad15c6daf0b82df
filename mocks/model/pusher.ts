/**
 * The behaviour of <live-pusher>: attributes + context calls + device + link
 * events in, WeChat events out. Pure: time comes from the injected clock,
 * chance from the seeded Random, the network from the Link.
 */
import { PushCode, PusherErrCode, defaultMessage } from '../codes';
import type { Capture, CaptureSettings, CloseReason, PublishConnection, PublishObserver, StreamInfo, StreamTarget } from '../link/types';
import { parseStreamUrl } from '../link/target';
import type { PusherAttrName, PusherAttrs } from './attributes';
import type { TimerHandle } from '../time';
import type { DeviceChange, DeviceFault } from './device';
import { type CallResult, fail, OK } from './events';
import { qualityLevel, round } from './netstatus';
import { type Guard, Participant, type ParticipantDeps, type ParticipantRules } from './participant';
import { ROOM_LEFT, roomEntered, roomEntryRefused, roomKick, roomLeftBySdk, roomPeerStatuses, type RoomStatus } from './room';
import { isValidPushUrl } from './validate';

/** Capture sizes per mode (portrait); RTC takes video-width/video-height. */
const MODE_SIZE: Record<string, readonly [number, number]> = {
  QVGA: [240, 320],
  HVGA: [320, 480],
  SD: [360, 640],
  HD: [540, 960],
  FHD: [720, 1280],
};

/**
 * Encoder bitrate range per mode, kbps. min-bitrate/max-bitrate apply in RTC
 * mode only (liveRoomPlugin: "仅在 mode 为 RTC 时生效"); the other modes keep
 * the range of the docs' parameter table, which is why FHD pushes ~1800 kbps
 * whatever max-bitrate says (Q14). QVGA/HVGA ranges are UNCONFIRMED.
 */
export const MODE_KBPS: Readonly<Record<string, readonly [number, number]>> = {
  QVGA: [150, 350],
  HVGA: [250, 500],
  SD: [300, 800],
  HD: [600, 1200],
  FHD: [600, 1800],
};

const AUDIO_KBPS = { high: 64, low: 24 } as const;
const MAX_PIXELS = 1920 * 1080;

type PushPhase = 'idle' | 'connecting' | 'live' | 'retry-wait' | 'gave-up' | 'suspended';

const RULES: ParticipantRules<PusherAttrs> = {
  pair: { keys: ['minBitrate', 'maxBitrate'], warnedOn: 'minBitrate' },
  // A publish the server refuses (the key is taken) is a disconnect to the pusher.
  connectFailedCodes: { rejected: PushCode.WARNING_SERVER_DISCONNECT },
};

export class PusherModel extends Participant<'pusher', PublishConnection, PushPhase> {
  private started = false;
  private preview = false;
  private paused = false;
  /** the camera + encoder on real media: opened by start(), kept through reconnects, closed by stop() */
  private capture: Capture | undefined;
  private cameraPosition: 'front' | 'back' = 'front';
  private torch = false;
  private micVolume = 1;
  private zoomLevel = 1;
  private targetKbps = 0;
  private lowRes = false;
  private lastBusyWarnAt = -Infinity;
  private waitingImageUntil: number | undefined;
  /** TRTC after -1307: trying, unasked, to get back into the room */
  private recovering = false;

  private bgm: { url: string; durationMs: number; positionMs: number; playing: boolean; volume: number; timer?: TimerHandle } | undefined;

  constructor(d: ParticipantDeps) {
    super(d, 'pusher', RULES);
  }

  get isPushing(): boolean {
    return this.phase === 'live';
  }

  get state(): { phase: PushPhase; started: boolean; preview: boolean; paused: boolean; attempts: number; targetKbps: number; camera: 'front' | 'back' } {
    return {
      phase: this.phase,
      started: this.started,
      preview: this.preview,
      paused: this.paused,
      attempts: this.reconnect.attempts,
      targetKbps: this.targetKbps,
      camera: this.cameraPosition,
    };
  }

  /** The size the encoder pushes now (what createOffscreenCanvas gets). */
  get pushSize(): [number, number] {
    return this.captureSize();
  }

  // ---------------------------------------------------------------- attributes

  protected afterInsert(): void {
    this.cameraPosition = this.attrs.devicePosition as 'front' | 'back';
    if (this.attrs.autopush && this.attrs.url) this.start();
  }

  protected get inSession(): boolean {
    return this.started;
  }

  protected insertOnlyRemedy(k: PusherAttrName): string {
    return k === 'devicePosition' ? 'Call switchCamera() to change camera.' : 'Set it before the element is rendered.';
  }

  protected override applyDynamic(k: PusherAttrName, value: unknown): void {
    const before = this.attrs[k];
    super.applyDynamic(k, value);
    // With autopush, a url that arrives after insertion (setData in onLoad/onReady) starts the push.
    if (k === 'url' && this.attrs.autopush && value && !this.started) this.start();
    // iOS reports mic and mute toggles as status codes with an empty message.
    if (this.d.client.platform === 'ios' && before !== value) {
      if (k === 'enableMic') this.status(PushCode.MIC_TOGGLED_IOS, '');
      if (k === 'muted') this.status(PushCode.MUTE_TOGGLED_IOS, '');
    }
  }

  /** Bitrate bounds are a pair: re-clamp the encoder after either side moved. */
  protected override pairChanged(): void {
    if (this.targetKbps <= 0) return;
    const [lo, hi] = this.bitrateRange();
    const before = this.targetKbps;
    this.targetKbps = clamp(this.targetKbps, lo, hi);
    if (this.targetKbps !== before) this.retargetEncoder();
  }

  /** The encoder's range: min/max-bitrate in RTC mode, the mode's own range otherwise (Q14). */
  bitrateRange(): readonly [number, number] {
    const a = this.attrs;
    return a.mode === 'RTC' ? [a.minBitrate, a.maxBitrate] : (MODE_KBPS[a.mode] ?? MODE_KBPS.SD);
  }

  // ---------------------------------------------------------------- context methods

  call(method: string, args: Record<string, unknown> = {}): CallResult {
    switch (method) {
      case 'start':
        return this.start();
      case 'stop': {
        const leavingRoom = this.phase === 'live' && parseStreamUrl(this.attrs.url)?.protocol === 'room';
        this.stopAll();
        if (leavingRoom) this.say([ROOM_LEFT]);
        return OK;
      }
      case 'pause':
        if (!this.started) return fail('operateLivePusher:fail not started');
        this.paused = true;
        return OK;
      case 'resume':
        if (!this.started) return fail('operateLivePusher:fail not started');
        this.paused = false;
        return OK;
      case 'switchCamera':
        this.cameraPosition = this.cameraPosition === 'front' ? 'back' : 'front';
        if (this.cameraPosition === 'front') this.torch = false;
        return OK;
      case 'toggleTorch':
        // Front cameras have no torch; the call fails rather than pretending.
        if (!this.preview || this.cameraPosition !== 'back') return fail('operateLivePusher:fail torch unavailable on the front camera or with the camera off');
        this.torch = !this.torch;
        return OK;
      case 'snapshot':
        return this.snapshot(args);
      case 'startPreview':
        return this.startPreview();
      case 'stopPreview':
        if (!this.started) this.preview = false;
        return OK;
      case 'playBGM':
        return this.playBGM(args);
      case 'stopBGM':
        this.endBGM(false);
        return OK;
      case 'pauseBGM':
        if (!this.bgm) return fail('operateLivePusher:fail no BGM playing');
        this.bgm.playing = false;
        return OK;
      case 'resumeBGM':
        if (!this.bgm) return fail('operateLivePusher:fail no BGM playing');
        this.bgm.playing = true;
        return OK;
      case 'setBGMVolume': {
        const v = Number(args.volume);
        if (!Number.isFinite(v) || v < 0 || v > 1) return fail(`operateLivePusher:fail volume ${JSON.stringify(args.volume)} must be "0"–"1"`);
        if (this.bgm) this.bgm.volume = v;
        return OK;
      }
      case 'setMICVolume': {
        const v = Number(args.volume);
        if (typeof args.volume !== 'number' || v < 0 || v > 1)
          return fail(`operateLivePusher:fail volume ${JSON.stringify(args.volume)} must be a number 0.0–1.0`);
        this.micVolume = v;
        return OK;
      }
      case 'sendMessage':
        if (typeof args.msg !== 'string') return fail('operateLivePusher:fail msg must be a string');
        if (this.phase !== 'live' || !this.conn) return fail('operateLivePusher:fail not pushing');
        this.conn.message(args.msg);
        return OK;
      case 'getMaxZoom':
        return { ok: true, result: { maxZoom: 5 } };
      case 'setZoom': {
        const z = Number(args.zoom);
        if (!Number.isFinite(z)) return fail('operateLivePusher:fail zoom must be a number');
        this.zoomLevel = round(clamp(z, 1, 5), 1);
        return { ok: true, result: { zoom: this.zoomLevel } };
      }
      case 'exitPictureInPicture':
        this.leavePictureInPicture();
        return OK;
      case 'startDumpAudio':
      case 'stopDumpAudio':
        // The SDK writes the captured audio to a file: nothing to observe but the call, and only while pushing.
        if (!this.started) return fail('operateLivePusher:fail not started');
        return OK;
      default:
        // Filters, stickers and makeup change pixels only; nothing a test can observe but the call.
        return OK;
    }
  }

  private start(): CallResult {
    if (!isValidPushUrl(this.attrs.url)) {
      this.d.sink.warn(
        `[live-harness] <live-pusher id="${this.d.id}"> start() with url=${JSON.stringify(this.attrs.url)}: not a push URL. Use rtmp://host/app/stream.`,
        { attribute: 'url', value: this.attrs.url },
      );
      return fail(`operateLivePusher:fail invalid url ${JSON.stringify(this.attrs.url)}`);
    }
    if (this.started && this.phase !== 'gave-up') return OK;
    this.applyStaged();
    this.recovering = false;
    this.started = true;
    this.paused = false;
    this.reconnect.restartCount();
    const gen = ++this.gen;
    const { params, device, random } = this.d;

    // Permissions first: the SDK opens devices before it connects.
    if (this.attrs.enableCamera && !device.allowed('camera'))
      return this.deviceFailure(PusherErrCode.CAMERA_DENIED, PushCode.ERR_OPEN_CAMERA_FAIL, params.permissionDeniedEmitsStatechange);
    if (this.attrs.enableMic && !device.allowed('microphone'))
      return this.deviceFailure(PusherErrCode.MIC_DENIED, PushCode.ERR_OPEN_MIC_FAIL, params.permissionDeniedEmitsStatechange);
    if (this.attrs.enableCamera && device.has('camera-open-fail')) return this.deviceFailure(undefined, PushCode.ERR_OPEN_CAMERA_FAIL, true);
    if (this.attrs.enableMic && device.has('mic-open-fail')) return this.deviceFailure(undefined, PushCode.ERR_OPEN_MIC_FAIL, true);
    const [w, h] = this.captureSize();
    if (w * h > MAX_PIXELS) {
      this.after(10, () => {
        this.stopAll();
        this.status(PushCode.ERR_UNSUPPORTED_RESOLUTION);
      });
      return OK;
    }

    let t = 0;
    if (this.attrs.enableCamera) {
      const wasPreview = this.preview;
      this.preview = true;
      t += wasPreview ? 0 : random.between(80, 250);
      if (!wasPreview) this.after(t, () => this.status(PushCode.OPEN_CAMERA_SUCC));
      t += random.between(30, 80);
      this.after(t, () => {
        this.status(PushCode.FIRST_FRAME_AVAILABLE);
        this.renderFrames();
        if (params.pusherEmitsLocalVideoCodes) {
          this.status(PushCode.LOCAL_RCV_FIRST_I_FRAME);
          this.status(PushCode.LOCAL_PLAY_BEGIN);
        }
      });
    }
    t += random.between(10, 40);
    this.after(t, () => {
      this.status(PushCode.START_VIDEO_ENCODER);
      this.encoderFaults(gen);
    });
    this.targetKbps = this.bitrateRange()[1];
    this.capture?.close();
    this.capture = this.d.link.capture?.(this.captureSettings());
    // Real media: the moment the encoder really runs at a new rate goes on the timeline.
    this.capture?.onSwitch?.((sw) =>
      this.d.sink.metric('encoder-switch', { videoKbps: sw.to.videoKbps, width: sw.to.width, height: sw.to.height, tookMs: sw.tookMs }),
    );
    this.after(t + 1, () => this.connect());
    this.startTicks();
    return OK;
  }

  private deviceFailure(errCode: number | undefined, stateCode: number, emitState: boolean): CallResult {
    this.after(this.d.random.between(20, 60), () => {
      this.stopAll();
      if (errCode !== undefined) {
        this.d.sink.emit({ type: 'error', detail: { errCode, errMsg: defaultMessage('pusher', errCode, this.d.client.platform) } });
      }
      if (emitState) this.status(stateCode);
    });
    return OK;
  }

  private encoderFaults(gen: number): void {
    const dev = this.d.device;
    const android = this.d.client.platform === 'android';
    const warn: Array<[DeviceFault, number, boolean]> = [
      ['hw-encoder-fail', PushCode.WARNING_HW_ACCELERATION_FAIL, true],
      ['beauty-init-fail', PushCode.WARNING_BEAUTYSURFACE_VIEW_INIT_FAIL, true],
      ['encode-bitrate-overflow', PushCode.WARNING_VIDEO_ENCODE_BITRATE_OVERFLOW, true],
      ['encoder-sw-to-hw', PushCode.WARNING_VIDEO_ENCODE_SW_SWITCH_HW, android],
    ];
    for (const [fault, code, applies] of warn) if (applies && dev.has(fault)) this.status(code);
    // gen is the session's that opened the encoder: a page may have restarted from inside a warning above.
    if (dev.has('video-encode-glitch')) this.after(2000, () => this.status(PushCode.WARNING_VIDEO_ENCODE_FAIL), gen);
    const fatal: Array<[DeviceFault, number, boolean]> = [
      ['video-encode-fail', PushCode.ERR_VIDEO_ENCODE_FAIL, this.attrs.enableCamera],
      ['audio-encode-fail', PushCode.ERR_AUDIO_ENCODE_FAIL, true],
      ['mic-no-data', PushCode.ERR_MIC_RECORD_FAIL, android && this.attrs.enableMic],
    ];
    for (const [fault, code, applies] of fatal) {
      if (applies && dev.has(fault)) {
        this.after(
          3000,
          () => {
            this.stopAll();
            this.status(code);
          },
          gen,
        );
        return;
      }
    }
  }

  private startPreview(): CallResult {
    if (!this.attrs.enableCamera) return fail('operateLivePusher:fail enable-camera is false');
    if (!this.d.device.allowed('camera')) {
      this.d.sink.emit({
        type: 'error',
        detail: { errCode: PusherErrCode.CAMERA_DENIED, errMsg: defaultMessage('pusher', PusherErrCode.CAMERA_DENIED, this.d.client.platform) },
      });
      return fail('operateLivePusher:fail camera permission denied');
    }
    if (!this.preview) {
      this.preview = true;
      this.after(this.d.random.between(80, 250), () => this.status(PushCode.OPEN_CAMERA_SUCC));
    }
    return OK;
  }

  private snapshot(args: Record<string, unknown>): CallResult {
    if (!this.preview) return fail('snapshot:fail camera is not open');
    const [w, h] = this.captureSize();
    const scale = args.quality === 'raw' ? 2 : 1;
    return this.snapshotTaken(w * scale, h * scale);
  }

  // ---------------------------------------------------------------- connection

  protected target(): StreamTarget | undefined {
    return this.started ? parseStreamUrl(this.attrs.url) : undefined;
  }

  protected dial(target: StreamTarget, guard: Guard, connected: () => void): PublishConnection {
    const room = target.protocol === 'room';
    const reentry = room && (this.reconnect.attempts > 0 || this.recovering);
    const observer: PublishObserver = {
      onConnected: connected,
      onPublishing: guard(() => {
        this.recovering = false;
        this.going('live', PushCode.PUSH_BEGIN);
        if (room) this.say(roomEntered(reentry));
      }),
      onFailed: guard((f) => {
        if (this.recovering) {
          // Still no network: try again later, silently, as the SDK does after -1307.
          this.conn = undefined;
          this.phase = 'gave-up';
          return this.recoverLater();
        }
        const refused = room ? roomEntryRefused(f) : undefined;
        if (!refused) return this.connectFailed(f);
        this.conn = undefined;
        this.stopAll();
        this.say(refused);
      }),
      onClosed: guard((r) => {
        const kicked = room ? roomKick(r) : undefined;
        if (!kicked) return this.lost(closeCode(r));
        this.stopAll();
        this.say([kicked]);
      }),
      onRoomPeer: guard((c) => this.say(roomPeerStatuses(c))),
      streamInfo: () => this.streamInfo(),
    };
    return this.d.link.publish(target, observer, this.capture, `pusher#${this.d.id}`);
  }

  /**
   * The camera keeps previewing; only the network side stops. On rtmp:// the
   * page must restart; TRTC "恢复网络后,会自行恢复上行推流" (§3.1 -1307): a
   * room:// pusher keeps trying and re-enters (1021, 1018) once it can.
   */
  protected giveUp(): void {
    this.phase = 'gave-up';
    if (this.inRoom) return this.recoverLater();
    this.started = false;
    this.stopTicks();
  }

  private recoverLater(): void {
    this.after(this.d.params.roomRecoveryProbeMs, () => {
      this.recovering = true;
      this.connect();
    });
  }

  private get inRoom(): boolean {
    return parseStreamUrl(this.attrs.url)?.protocol === 'room';
  }

  /** room:// pureaudiomode=1|2 (§3.3): the member pushes audio only, whatever enable-camera says. */
  private get pureAudio(): boolean {
    const q = parseStreamUrl(this.attrs.url)?.query;
    return q !== undefined && (q.pureaudiomode === '1' || q.pureaudiomode === '2');
  }

  /**
   * The SDK leaves the room by itself (Q9: suspended, 5000; interrupted, 5001):
   * the other members see this one go, the page sees 1019 if it was in.
   */
  private leaveRoomBySdk(why: 'suspended' | 'interrupted'): void {
    const wasIn = this.phase === 'live';
    if (why === 'interrupted') this.stopAll();
    else {
      this.reconnect.cancel();
      this.conn?.close();
      this.conn = undefined;
      this.recovering = false;
      this.phase = 'suspended';
    }
    if (wasIn) this.say([roomLeftBySdk(why)]);
  }

  protected resetSession(): void {
    this.started = false;
    this.preview = false;
    this.paused = false;
    this.capture?.close();
    this.capture = undefined;
    this.endBGM(false);
    this.waitingImageUntil = undefined;
    this.recovering = false;
  }

  // ---------------------------------------------------------------- custom rendering

  /**
   * LivePusherContext.onCustomRendererEvent (§1.5, 2.29.0): with
   * enableVideoCustomRender, each captured frame goes to the 'frame' listener
   * and a change of size to 'update', both as {width, height} of the push.
   * A later listener of an event replaces the earlier one; none removes it.
   */
  onCustomRenderer(event: 'frame' | 'update', cb: ((size: { width: number; height: number }) => void) | undefined): void {
    if (cb) this.renderers[event] = cb;
    else delete this.renderers[event];
  }

  private renderers: Partial<Record<'frame' | 'update', (size: { width: number; height: number }) => void>> = {};
  private renderingGen = -1;

  /** From the first captured frame until stop(): one frame per 1/fps while the camera captures (not paused, not in the background). */
  private renderFrames(): void {
    if (!this.attrs.enableVideoCustomRender || this.renderingGen === this.gen) return;
    this.renderingGen = this.gen;
    let last = '';
    const tick = (): void => {
      const a = this.attrs;
      if (a.enableCamera && !this.pureAudio && !this.paused && !this.d.device.inBackground) {
        const [width, height] = this.captureSize();
        if (`${width}x${height}` !== last) {
          last = `${width}x${height}`;
          this.renderers.update?.({ width, height });
        }
        this.renderers.frame?.({ width, height });
      }
      this.after(1000 / Math.max(1, Number(a.fps) || 15), tick);
    };
    tick();
  }

  // ---------------------------------------------------------------- media steps

  private captureSize(): [number, number] {
    const a = this.attrs;
    let [w, h] = a.mode === 'RTC' ? [a.videoWidth, a.videoHeight] : (MODE_SIZE[a.mode] ?? MODE_SIZE.SD);
    // 3:4 takes effect only in RTC (多人连麦) mode, per Tencent's FAQ [S12].
    if (a.aspect === '3:4' && a.mode === 'RTC') h = Math.round((w * 4) / 3);
    if (this.lowRes) [w, h] = [Math.round(w / 2 / 2) * 2, Math.round(h / 2 / 2) * 2];
    return a.orientation === 'horizontal' ? [h, w] : [w, h];
  }

  /** What the camera + encoder are asked for when start() opens them (real media). */
  private captureSettings(): CaptureSettings {
    const a = this.attrs;
    const [w, h] = this.captureSize();
    const low = a.audioQuality === 'low';
    return {
      video: a.enableCamera && !this.pureAudio,
      audio: !a.enableMic ? 'none' : a.muted ? 'silence' : 'tone',
      // Encoders want even sizes.
      width: Math.max(2, Math.round(w / 2) * 2),
      height: Math.max(2, Math.round(h / 2) * 2),
      fps: a.fps,
      gopSeconds: this.d.params.encoderGopSeconds,
      videoKbps: this.targetKbps,
      audioKbps: AUDIO_KBPS[low ? 'low' : 'high'],
      sampleRate: low ? 16000 : 48000,
    };
  }

  /** What the encoder produces right now. */
  private streamInfo(): StreamInfo {
    const a = this.attrs;
    const bg = this.d.device.inBackground;
    const waiting = bg && this.waitingImageUntil !== undefined && this.d.clock.now() < this.waitingImageUntil;
    const video = a.enableCamera && !this.pureAudio && !this.paused && (!bg || waiting);
    const [w, h] = this.captureSize();
    const fps = waiting ? 5 : a.fps;
    // Background mutes audio (background-mute is deprecated: always muted, Q9); so does a call.
    const audio = a.enableMic && !bg && !this.d.device.onCall;
    return {
      hasVideo: video,
      hasAudio: audio,
      videoKbps: video ? (waiting ? this.d.params.waitingImageBitrateKbps : this.targetKbps) : 0,
      // muted sends no audio (the deprecated twin of enable-mic): nothing to encode.
      audioKbps: audio && !a.muted ? (AUDIO_KBPS[a.audioQuality as 'high' | 'low'] ?? AUDIO_KBPS.high) : 0,
      fps: video ? fps : 0,
      gopSeconds: this.d.params.encoderGopSeconds,
      width: video ? w : 0,
      height: video ? h : 0,
    };
  }

  protected step(dtMs: number): void {
    const info = this.streamInfo();
    if (this.phase === 'live' && this.conn) {
      const r = this.conn.send(dtMs, info);
      const c = this.conn.conditions();
      // On real media the wire says what the encoder produced and what waits; the model's own figures stand in otherwise.
      const m = r.measured;
      this.window.add({
        sentKbps: r.sentKbps,
        queuedMs: r.queuedMs,
        capacityKbps: r.capacityKbps,
        rttMs: c.rttMs,
        jitterMs: c.jitterMs,
        lossPct: c.lossPct,
        videoKbps: m ? m.videoKbps : info.videoKbps,
        audioKbps: m ? m.audioKbps : info.audioKbps,
        fps: m ? m.fps : info.fps,
        droppedMs: r.droppedMs,
        connected: 1,
        measured: m ? 1 : 0,
        queuedVideoFrames: m ? m.queuedVideoFrames : 0,
        queuedAudioFrames: m ? m.queuedAudioFrames : 0,
      });
    } else {
      this.window.add({
        sentKbps: 0,
        queuedMs: 0,
        capacityKbps: 0,
        rttMs: 0,
        jitterMs: 0,
        lossPct: 0,
        videoKbps: 0,
        audioKbps: 0,
        fps: 0,
        droppedMs: 0,
        connected: 0,
        measured: 0,
        queuedVideoFrames: 0,
        queuedAudioFrames: 0,
      });
    }
  }

  protected report(): void {
    const w = this.window;
    const connected = this.phase === 'live' && w.avg('connected') > 0.5;
    const info = this.streamInfo();
    if (connected) this.adapt(w.avg('capacityKbps'), w.avg('queuedMs'), info);
    const share = (k: string): number => (connected ? w.avg(k) : 0);
    const sent = share('sentKbps');
    const offered = share('videoKbps') + share('audioKbps');
    const ratio = offered > 0 ? Math.min(1, sent / offered) : 0;
    const queuedMs = share('queuedMs');
    const [vw, vh] = info.hasVideo ? [info.width, info.height] : [0, 0];
    const measured = connected && w.avg('measured') > 0.5;
    const detail: Record<string, number> = measured
      ? {
          // Real media: what the encoder really produced and what really waits in the send queue.
          videoBitrate: Math.round(share('videoKbps')),
          audioBitrate: Math.round(share('audioKbps')),
          videoFPS: round(share('fps'), 1),
          videoGOP: this.d.params.encoderGopSeconds,
          netSpeed: Math.round(sent),
          netJitter: Math.round(share('jitterMs')),
          netQualityLevel: qualityLevel(share('capacityKbps'), offered, share('lossPct'), share('rttMs'), true),
          videoWidth: vw,
          videoHeight: vh,
          videoCache: Math.round(share('queuedVideoFrames')),
          audioCache: Math.round(share('queuedAudioFrames')),
        }
      : {
          videoBitrate: Math.round(share('videoKbps') * ratio * this.d.random.jitter(1, 0.03)),
          audioBitrate: Math.round(share('audioKbps') * ratio),
          videoFPS: connected ? round(share('fps') * (ratio > 0.5 ? 1 : ratio * 2), 1) : 0,
          videoGOP: this.d.params.encoderGopSeconds,
          netSpeed: Math.round(sent),
          netJitter: Math.round(share('jitterMs')),
          netQualityLevel: qualityLevel(share('capacityKbps'), offered, share('lossPct'), share('rttMs'), connected || !this.started ? connected : false),
          videoWidth: vw,
          videoHeight: vh,
          // Pusher caches count frames waiting at the anchor (§1.4), not milliseconds.
          videoCache: Math.round((queuedMs / 1000) * info.fps),
          audioCache: Math.round((queuedMs / 1000) * (info.hasAudio ? 47 : 0)),
        };
    this.addCpu(detail, [8, 20], [20, 45]);
    w.reset();
    if (this.started || this.phase === 'live') this.d.sink.emit({ type: 'netstatus', detail: { info: detail } });
    if (this.attrs.enableMic && this.started) {
      const max = this.d.params.audioVolumeMax;
      const speaking = info.hasAudio && !this.attrs.muted ? this.d.random.between(0.15, 0.6) * this.micVolume : 0;
      this.d.sink.emit({ type: 'audiovolumenotify', detail: { volume: Math.round(speaking * max) } });
    }
  }

  /**
   * RTC mode keeps the encoder between min- and max-bitrate, following the
   * uplink: down as soon as the send queue backs up, up by steps while it
   * stays empty; the picture halves when the rate sinks far (1005). Live
   * modes keep their rate — min-/max-bitrate apply in RTC mode only — so a
   * thin uplink fills their send queue instead. Either way a queue that
   * backs up, or an uplink too thin for even min-bitrate, warns 1101.
   */
  private adapt(capacityKbps: number, queuedMs: number, info: StreamInfo): void {
    const a = this.attrs;
    const [lo, hi] = this.bitrateRange();
    const { params, clock } = this.d;
    const audio = info.audioKbps;
    if (a.mode === 'RTC') {
      const usable = Math.max(0, capacityKbps * 0.85 - audio);
      const before = this.targetKbps;
      let next = before;
      // A backed-up queue only ever lowers the rate: what it drains at once the uplink frees up is no steady capacity.
      if (queuedMs > 300 || usable < before) next = Math.min(before, clamp(usable, lo, hi));
      else if (usable > before * 1.2) next = clamp(before * 1.15, lo, hi);
      this.targetKbps = Math.round(next);
      if (before > 0 && Math.abs(this.targetKbps - before) / before >= params.bitrateChangeEventRatio) this.status(PushCode.CHANGE_BITRATE);
      const wantLow = this.targetKbps < hi * 0.5;
      const resized = wantLow !== this.lowRes;
      if (resized) {
        this.lowRes = wantLow;
        this.status(PushCode.CHANGE_RESOLUTION);
      }
      if (this.targetKbps !== before || resized) this.retargetEncoder();
    }
    const busy = capacityKbps - audio < lo * params.netBusyRatio || queuedMs > params.netBusyQueueMs;
    if (busy && clock.now() - this.lastBusyWarnAt >= 5000) {
      this.lastBusyWarnAt = clock.now();
      this.status(PushCode.WARNING_NET_BUSY);
    }
  }

  /** Real media: the encoder itself changes (a new rate, or size, from its next key frame). */
  private retargetEncoder(): void {
    if (this.capture?.retarget && this.attrs.enableCamera) this.capture.retarget(this.captureSettings());
  }

  // ---------------------------------------------------------------- BGM

  private playBGM(args: Record<string, unknown>): CallResult {
    const url = args.url;
    if (typeof url !== 'string' || url === '') return fail('operateLivePusher:fail url is required');
    this.endBGM(false);
    const gen = this.gen;
    const startMs = Number(args.startTimeMs) > 0 ? Number(args.startTimeMs) : 0;
    const endMs = Number(args.endTimeMs) > 0 ? Number(args.endTimeMs) : undefined;
    this.d.link.fetch(url, (r) => {
      if (gen !== this.gen) return;
      if (!r.ok) {
        this.d.sink.emit({
          type: 'error',
          detail: { errCode: PusherErrCode.BGM_LOAD_FAIL, errMsg: defaultMessage('pusher', PusherErrCode.BGM_LOAD_FAIL, this.d.client.platform) },
        });
        return;
      }
      const full = r.durationMs ?? 60_000;
      // 0 or an invalid end time plays to the end (§1.5).
      const end = endMs !== undefined && endMs > startMs && endMs <= full ? endMs : full;
      this.bgm = { url, durationMs: end, positionMs: Math.min(startMs, end), playing: true, volume: 1 };
      this.d.sink.emit({ type: 'bgmstart', detail: {} });
      this.scheduleBGMProgress();
    });
    return OK;
  }

  private scheduleBGMProgress(): void {
    const b = this.bgm;
    if (!b) return;
    b.timer = this.d.clock.setTimer(1000, () => {
      if (!this.bgm) return;
      if (this.bgm.playing) this.bgm.positionMs = Math.min(this.bgm.durationMs, this.bgm.positionMs + 1000);
      const unit = this.d.params.bgmProgressUnit === 's' ? 1000 : 1;
      this.d.sink.emit({ type: 'bgmprogress', detail: { progress: round(this.bgm.positionMs / unit, 3), duration: round(this.bgm.durationMs / unit, 3) } });
      if (this.bgm.positionMs >= this.bgm.durationMs) this.endBGM(true);
      else this.scheduleBGMProgress();
    });
  }

  private endBGM(completed: boolean): void {
    if (!this.bgm) return;
    this.d.clock.clearTimer(this.bgm.timer);
    this.bgm = undefined;
    if (completed) this.d.sink.emit({ type: 'bgmcomplete', detail: {} });
  }

  // ---------------------------------------------------------------- device

  protected onDevice(c: DeviceChange): void {
    const pushingish = this.started && (this.phase === 'live' || this.phase === 'connecting' || this.phase === 'retry-wait' || this.phase === 'suspended');
    switch (c.type) {
      case 'background': {
        if (!pushingish) return;
        this.status(PushCode.SUSPENDED);
        // Q9 in a room: "触发 5000 后，底层SDK会退房，返回前台后会自动进房".
        if (this.inRoom) return this.leaveRoomBySdk('suspended');
        const img = this.attrs.waitingImage;
        if (img) {
          const gen = this.gen;
          this.waitingImageUntil = this.d.clock.now() + this.d.params.waitingImageKeepAliveMs;
          this.d.link.fetch(img, (r) => {
            if (gen !== this.gen || r.ok) return;
            this.waitingImageUntil = undefined;
            this.d.sink.emit({
              type: 'error',
              detail: {
                errCode: PusherErrCode.WAITING_IMAGE_LOAD_FAIL,
                errMsg: defaultMessage('pusher', PusherErrCode.WAITING_IMAGE_LOAD_FAIL, this.d.client.platform),
              },
            });
          });
          // After the keep-alive the stream ends until the app returns (Q9).
          this.after(
            this.d.params.waitingImageKeepAliveMs,
            () => {
              if (!this.d.device.inBackground) return;
              this.conn?.close();
              this.conn = undefined;
              this.phase = 'suspended';
            },
            gen,
          );
        }
        return;
      }
      case 'foreground':
        this.waitingImageUntil = undefined;
        if (this.started && this.phase === 'suspended') {
          this.reconnect.restartCount();
          this.connect();
        }
        return;
      case 'call-start':
        if (!pushingish || this.d.client.platform !== 'android') return;
        this.status(PushCode.INTERRUPTED);
        // 5001 in a room: "底层会自动退房，恢复时需重新进房" — the page enters again with start().
        if (this.inRoom) this.leaveRoomBySdk('interrupted');
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- helpers

  private say(statuses: readonly RoomStatus[]): void {
    for (const st of statuses) this.status(st.code, st.message);
  }
}

function closeCode(r: CloseReason): number {
  return r === 'server-close' || r === 'unpublished' ? PushCode.WARNING_SERVER_DISCONNECT : PushCode.WARNING_READ_WRITE_FAIL;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
