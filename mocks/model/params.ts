/**
 * Every fact the reference sheet marks UNCONFIRMED (or where sources disagree)
 * is a named parameter here, with the default we chose and why. A team whose
 * phones behave differently overrides it per rig: `createRig({ params: {...} })`.
 */
export interface ModelParams {
  /** Reconnect attempts before giving up with -1307 / -2301. Settled by the project's sources (Q1). */
  reconnectAttempts: number;
  /** Wait between reconnect attempts. Native TXLivePlayConfig default is 3 s; the mini-program's is UNCONFIRMED (Q1, §8.3). */
  reconnectIntervalMs: number;
  /** Time a TCP connect may take before it counts as failed (3002). UNCONFIRMED; LiteAV-like default. */
  connectTimeoutMs: number;
  /** A connection that moves no byte for this long is declared broken (3005). UNCONFIRMED. */
  readWriteTimeoutMs: number;
  /** netstatus cadence. The docs leave the interval UNCONFIRMED (§8.2); ~1 s is what clients show. */
  netstatusIntervalMs: number;
  /** Internal simulation step of the fluid network/buffer model. Not a WeChat fact: a resolution knob. */
  tickMs: number;
  /** Whether netstatus info carries cpu fields (`appCpu`, `systemCpu`); UNCONFIRMED for mini-programs (§1.4). */
  netstatusIncludesCpu: boolean;
  /** RTC-mode playback latency target; docs say "under 500 ms" (Q11, Q12). */
  rtcTargetLatencyMs: number;
  /** How far an HTTP-FLV edge runs behind the origin in virtual time (CDN relay): RTMP push + FLV play "normally 2–3 s" with the default caches. */
  flvEdgeLagMs: number;
  /** Whether RTC-mode players emit 2003/2004 at all; a community report saw none (Q15, UNCONFIRMED). */
  rtcEmitsFirstFrameCodes: boolean;
  /** After -1307 a TRTC (room://) pusher keeps trying and re-enters once the network is back ("恢复网络后,会自行恢复上行推流"); how often is UNCONFIRMED. */
  roomRecoveryProbeMs: number;
  /** How long `waiting-image` keeps the stream alive in the background (Q9: "about 3 minutes"). */
  waitingImageKeepAliveMs: number;
  /** Bitrate pushed while the waiting image stands in for the camera ("very low bitrate", Q9). */
  waitingImageBitrateKbps: number;
  /** Whether a denied permission also yields the statechange error (-1301/-1302) next to binderror 10001/10002. UNCONFIRMED. */
  permissionDeniedEmitsStatechange: boolean;
  /** Whether a context made before the element exists (in onLoad) stays unbound (calls fail) — docs: "行为不确定" (Q4). */
  contextBeforeReadyIsUnbound: boolean;
  /** Whether `enable-camera` changes apply without stop()+start(). 2019 FAQ: no (Q5); project rule: needs stop/start. */
  enableCameraIsDynamic: boolean;
  /** Whether a pusher `mode` change applies without stop()+start() (Q7, UNCONFIRMED). */
  pusherModeIsDynamic: boolean;
  /** `bgmprogress` units are UNCONFIRMED (§8.1); we report ms. */
  bgmProgressUnit: 'ms' | 's';
  /** `audiovolumenotify` volume range is UNCONFIRMED (§8.1); we use 0..100. */
  audioVolumeMax: number;
  /** Player stall longer than this fires 2105 (native block threshold 800 ms, S16). */
  videoPlayLagMs: number;
  /** A pusher whose usable uplink falls below this share of min-bitrate warns 1101. */
  netBusyRatio: number;
  /** A pusher whose send queue holds more than this much media warns 1101 ("upload blocked"). UNCONFIRMED; about two netstatus reports. */
  netBusyQueueMs: number;
  /** A change of the encoder target larger than this share emits 1006 (adaptation is otherwise silent). */
  bitrateChangeEventRatio: number;
  /** GOP length of the SDK encoder, seconds (netstatus videoGOP). UNCONFIRMED; LiteAV pushes 2–3 s GOPs by default. */
  encoderGopSeconds: number;
  /** Whether a pusher also reports its local preview as 2003/2004 (trtc-wx logs them, §3.1 "observed"; UNCONFIRMED). */
  pusherEmitsLocalVideoCodes: boolean;
  /** Video bitrate of a stream published from outside the phone (a "remote anchor") unless the scenario says. */
  remoteStreamBitrateKbps: number;
}

export const DEFAULT_PARAMS: Readonly<ModelParams> = Object.freeze({
  reconnectAttempts: 3,
  reconnectIntervalMs: 3000,
  connectTimeoutMs: 3000,
  readWriteTimeoutMs: 8000,
  netstatusIntervalMs: 1000,
  tickMs: 100,
  netstatusIncludesCpu: false,
  rtcTargetLatencyMs: 400,
  flvEdgeLagMs: 1000,
  rtcEmitsFirstFrameCodes: true,
  roomRecoveryProbeMs: 3000,
  waitingImageKeepAliveMs: 180_000,
  waitingImageBitrateKbps: 40,
  permissionDeniedEmitsStatechange: true,
  contextBeforeReadyIsUnbound: true,
  enableCameraIsDynamic: false,
  pusherModeIsDynamic: false,
  bgmProgressUnit: 'ms',
  audioVolumeMax: 100,
  videoPlayLagMs: 800,
  netBusyRatio: 0.7,
  netBusyQueueMs: 1000,
  bitrateChangeEventRatio: 0.2,
  encoderGopSeconds: 2,
  remoteStreamBitrateKbps: 900,
  pusherEmitsLocalVideoCodes: false,
});

export function resolveParams(overrides?: Partial<ModelParams>): ModelParams {
  const p = { ...DEFAULT_PARAMS, ...(overrides ?? {}) };
  for (const [k, v] of Object.entries(p)) {
    if (typeof (DEFAULT_PARAMS as Record<string, unknown>)[k] === 'undefined') {
      throw new ModelConfigError(`model parameter "${k}"`, `is not a parameter`, `Known parameters: ${Object.keys(DEFAULT_PARAMS).join(', ')}.`);
    }
    if (typeof v !== typeof (DEFAULT_PARAMS as Record<string, unknown>)[k]) {
      throw new ModelConfigError(
        `model parameter "${k}"`,
        `expected a ${typeof (DEFAULT_PARAMS as Record<string, unknown>)[k]}, got ${JSON.stringify(v)}`,
        `Pass a ${typeof (DEFAULT_PARAMS as Record<string, unknown>)[k]}.`,
      );
    }
    if (typeof v === 'number' && (!Number.isFinite(v) || v < 0)) {
      throw new ModelConfigError(`model parameter "${k}"`, `must be a finite number ≥ 0, got ${v}`, `Pass a non-negative number.`);
    }
  }
  if (p.reconnectAttempts < 1)
    throw new ModelConfigError('model parameter "reconnectAttempts"', `must be ≥ 1, got ${p.reconnectAttempts}`, 'The SDK always tries at least once.');
  if (p.tickMs <= 0 || p.tickMs > p.netstatusIntervalMs)
    throw new ModelConfigError('model parameter "tickMs"', `must be in (0, netstatusIntervalMs], got ${p.tickMs}`, 'Use a step of 10–200 ms.');
  return p;
}

export class ModelConfigError extends Error {
  readonly code = 'LH_MODEL_CONFIG';
  constructor(input: string, reason: string, remedy: string) {
    super(`[live-harness] Failed to configure the behaviour model: ${input} ${reason}. ${remedy}`);
    this.name = 'ModelConfigError';
  }
}
