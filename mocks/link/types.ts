/**
 * The contract between the behaviour model and whatever carries the media.
 * A link speaks in transport facts (connected, refused, bytes moved, closed);
 * it knows nothing of WeChat status codes — the model maps facts to codes.
 * The virtual link simulates a seeded network; the media link (real mode)
 * reports what really happens on sockets.
 */
import type { Fault, FaultVerb } from './faults';

/* The pusher's camera + encoder, as a link sees it: on real media the link runs it; in virtual time the model simulates it. */
/** What the pusher's camera + encoder produce; the transport runs it (ffmpeg). */
export interface CaptureSettings {
  /** false: audio only (enable-camera false) */
  readonly video: boolean;
  /** 'tone' normally, 'silence' when muted, 'none' without a microphone */
  readonly audio: 'tone' | 'silence' | 'none';
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly gopSeconds: number;
  readonly videoKbps: number;
  readonly audioKbps: number;
  readonly sampleRate: 48000 | 16000;
}

/** A running camera + encoder. It outlives reconnects: only the pusher's stop() ends it. */
export interface Capture {
  /** what the encoder produces now */
  readonly settings: CaptureSettings;
  /**
   * Ask the encoder for new settings (the SDK adapting its rate to the
   * uplink). A real encoder takes them at its next key frame, without a gap
   * in the stream; `settings` changes then, not before.
   */
  retarget?(settings: CaptureSettings): void;
  /** Told when the encoder has taken new settings (real media: at the new encoder's first key frame); returns an unsubscribe. */
  onSwitch?(listener: (s: { readonly to: CaptureSettings; readonly tookMs: number }) => void): () => void;
  close(): void;
}

export type StreamProtocol = 'rtmp' | 'http-flv' | 'room';

export interface StreamTarget {
  readonly url: string;
  readonly protocol: StreamProtocol;
  readonly host: string;
  /** `app/stream` with `.flv` and the query stripped: how push and play URLs meet on one server. */
  readonly key: string;
  readonly query: Readonly<Record<string, string>>;
}

/** Why a connection attempt failed. */
export type ConnectFailure =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'handshake'
  | 'not-found'
  | 'rejected' // the server refused this publish/room entry (key taken, room id invalid)
  // TRTC room entry: the server rejected a credential
  | 'bad-usersig'
  | 'bad-sdkappid'
  | 'bad-privatemapkey';

/**
 * Another member of a TRTC room came or went, or turned its camera, its
 * microphone or its second video (a screen share, `aux`) on or off (room:// only).
 */
export interface RoomPeerChange {
  readonly type: 'enter' | 'exit' | 'video' | 'audio';
  readonly userId: string;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
  /** whether the member sends its second video (`aux`) */
  readonly hasAuxVideo: boolean;
  /** for 'video': which of the member's videos changed */
  readonly streamType?: 'main' | 'aux';
  /** every other member after the change */
  readonly members: readonly string[];
}

/** Why an established connection ended. */
export type CloseReason =
  | 'server-close' // the server hung up on purpose (kick, auth expiry)
  | 'reset' // the socket broke (RST, write error)
  | 'timeout' // no byte moved for too long
  | 'unpublished' // RTMP: the server said the stream ended (onStatus UnpublishNotify)
  | 'eof'; // HTTP-FLV: the response just ended

export interface StreamInfo {
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
  readonly videoKbps: number;
  readonly audioKbps: number;
  readonly fps: number;
  readonly gopSeconds: number;
  readonly width: number;
  readonly height: number;
}

export interface NetConditions {
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly lossPct: number;
}

export interface PublishObserver {
  onConnected(): void;
  onPublishing(): void;
  onFailed(failure: ConnectFailure): void;
  onClosed(reason: CloseReason): void;
  onRoomPeer?(change: RoomPeerChange): void;
  /** What the encoder produces at this moment: the server knows it from the first instant (a room tells members what a newcomer sends). */
  streamInfo?(): StreamInfo;
}

export interface PublishTick {
  /** media ms that actually left the device in this step */
  readonly sentMediaMs: number;
  /** kbps on the wire in this step */
  readonly sentKbps: number;
  /** media waiting in the send queue, ms (netstatus videoCache/audioCache) */
  readonly queuedMs: number;
  /** media dropped from the queue because it grew too old, ms (frame skipping) */
  readonly droppedMs: number;
  /** the uplink's usable rate right now, kbps (drives bitrate adaptation) */
  readonly capacityKbps: number;
  /** on real media: what the encoder really produced and what really waits, instead of the model's own figures */
  readonly measured?: MeasuredOutput;
}

export interface MeasuredOutput {
  readonly videoKbps: number;
  readonly audioKbps: number;
  readonly fps: number;
  readonly queuedVideoFrames: number;
  readonly queuedAudioFrames: number;
}

export interface PublishConnection {
  /** Offer `dtMs` of media encoded at `info` rates; returns what the network let through. */
  send(dtMs: number, info: StreamInfo): PublishTick;
  /** Data-channel message (SEI) riding on the stream. */
  message(text: string): void;
  conditions(): NetConditions;
  close(): void;
}

export interface PlayObserver {
  onConnected(): void;
  onStreamBegin(): void;
  onFailed(failure: ConnectFailure): void;
  onClosed(reason: CloseReason): void;
  /** SEI message carried by the stream. */
  onMessage?(text: string): void;
}

export interface PlayTick {
  /** media ms received in this step */
  readonly receivedMediaMs: number;
  readonly receivedKbps: number;
  /** the downlink's usable rate right now, kbps */
  readonly capacityKbps: number;
  /** true once a key frame has arrived on this connection */
  readonly keyFrameSeen: boolean;
  /** media received that is not contiguous with what came before (frames skipped upstream), ms */
  readonly gapMs: number;
  /** ms from capture at the anchor to arrival here, for the newest media received (undefined before any) */
  readonly arrivalDelayMs: number | undefined;
  readonly stream: StreamInfo | undefined;
}

export interface PlayConnection {
  receive(dtMs: number): PlayTick;
  conditions(): NetConditions;
  close(): void;
}

/** A resource the component fetches itself: BGM file, waiting image. */
export interface ResourceResult {
  readonly ok: boolean;
  readonly durationMs?: number;
  readonly reason?: string;
}

export interface Link {
  /**
   * Start the camera + encoder of a pusher (real media only; the virtual link
   * simulates the encoder inside the model). It survives reconnects.
   */
  capture?(settings: CaptureSettings): Capture;
  /** `who` names the participant (`pusher#id`, `player#id`) for links that treat them apart. */
  publish(target: StreamTarget, observer: PublishObserver, capture?: Capture, who?: string): PublishConnection;
  play(target: StreamTarget, observer: PlayObserver, who?: string): PlayConnection;
  fetch(url: string, done: (r: ResourceResult) => void): void;
}

/**
 * What makes the faults of the vocabulary (faults.ts) happen on one link: the
 * virtual link simulates them, the media link does them to real sockets, and
 * a TCP fault proxy will put them on the wire. An interpreter that cannot make
 * a verb real says so — in knownGaps() and by refusing it — instead of pretending.
 */
export interface FaultInterpreter {
  /** Make the fault happen now; throws an error with a stable `code` for a verb in knownGaps(). */
  apply(fault: Fault): void;
  /** The verbs this interpreter cannot make real yet. */
  knownGaps(): readonly FaultVerb[];
}
