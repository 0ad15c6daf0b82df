/**
 * What a real transport tells the media link, in wire facts only: a socket
 * connected, a session was accepted, a frame arrived with these bytes and
 * this send time. No WeChat codes (the model's job) and no sockets (the
 * harness's job: harness/media implements MediaTransport over RTMP and
 * HTTP-FLV). This split is what keeps mocks/ free of node:net.
 */
import type { NetworkShape } from '../faults';
import type { Capture, CaptureSettings, StreamProtocol } from '../types';

/** How a socket ended, as the transport saw it. */
export type WireEnd = 'refused' | 'timeout' | 'reset' | 'closed';

export interface WireEvents {
  /** TCP connected */
  onTcpConnect?(): void;
  /** the application session is up: RTMP connect accepted, or an HTTP 200 */
  onSession?(): void;
  /** RTMP publish accepted (publishers only) */
  onPublishing?(): void;
  /** the server refused the publish or play; `notFound` when it said the stream does not exist */
  onRejected?(why: string, notFound: boolean): void;
  /** RTMP: the server said the stream was unpublished */
  onUnpublished?(): void;
  /** the socket ended; not called after close() */
  onEnd?(how: WireEnd): void;
}

/** One tag as a player received it. */
export interface WireFrame {
  readonly kind: 'video' | 'audio' | 'meta';
  /** media timestamp, ms */
  readonly mediaMs: number;
  /** bytes of the tag on the wire */
  readonly bytes: number;
  readonly keyFrame: boolean;
  /** codec configuration or metadata rather than media */
  readonly header: boolean;
  /** wall ms (Date.now) at the publisher when the frame left the encoder, when known */
  readonly sentWallMs?: number;
  /** the publisher's frame number (video), to see frames skipped upstream */
  readonly seq?: number;
  /** page messages (sendMessage / SEI) carried by this frame */
  readonly messages?: readonly string[];
  /** from the stream's metadata */
  readonly width?: number;
  readonly height?: number;
  /** from the stream's metadata: whether it announces a video track */
  readonly hasVideo?: boolean;
  /** wall ms when the frame reached the player */
  readonly arrivalWallMs: number;
}

/** Cumulative counters of one publish connection. */
export interface WirePublishStats {
  /** bytes that reached the server (by its acknowledgements where it sends them, else bytes the kernel took) */
  readonly bytesFlushed: number;
  /** bytes written but not yet there: the send queue, whether it waits in the process, the kernel or on the path */
  readonly bytesQueued: number;
  /** media ms that have left the device */
  readonly flushedMediaMs: number;
  /** media ms waiting in the send queue */
  readonly queuedMediaMs: number;
  readonly queuedVideoFrames: number;
  readonly queuedAudioFrames: number;
  /** what the encoder produced for this connection (after the output filter) */
  readonly encodedVideoBytes: number;
  readonly encodedAudioBytes: number;
  readonly encodedVideoFrames: number;
  /** video skipped because the queue grew too old (frame skipping), ms */
  readonly droppedMediaMs: number;
  /** wall ms when bytesFlushed last grew */
  readonly lastFlushWallMs: number;
}

/** A publish connection before its first byte. */
export const ZERO_PUBLISH_STATS: WirePublishStats = Object.freeze({
  bytesFlushed: 0,
  bytesQueued: 0,
  flushedMediaMs: 0,
  queuedMediaMs: 0,
  queuedVideoFrames: 0,
  queuedAudioFrames: 0,
  encodedVideoBytes: 0,
  encodedAudioBytes: 0,
  encodedVideoFrames: 0,
  droppedMediaMs: 0,
  lastFlushWallMs: 0,
});

/** What the model currently wants on the wire. */
export interface WireOutput {
  readonly video: boolean;
  readonly audio: boolean;
  /** a still picture stands in for the camera (waiting-image): key frames only */
  readonly keyFramesOnly: boolean;
}

export interface WirePublisher {
  stats(): WirePublishStats;
  output(o: WireOutput): void;
  /** carry a page message on the next video frame */
  message(text: string): void;
  /** hang up quietly (no onEnd) */
  close(): void;
  /** break the socket with a reset (no onEnd) */
  abort(): void;
}

export interface WirePlayer {
  /** hang up quietly (no onEnd) */
  close(): void;
  /** break the socket with a reset (no onEnd) */
  abort(): void;
}

export interface PlayWireEvents extends WireEvents {
  /** a frame reached the player */
  onFrame(frame: WireFrame): void;
}

export interface MediaTransport {
  /** Start a camera + encoder. Failures reach `onError` of the transport's owner. */
  capture(settings: CaptureSettings): Capture;
  /** Publish a capture to `key` on the server behind the page's URL. */
  publish(target: WireTarget, capture: Capture, events: WireEvents): WirePublisher;
  play(target: WireTarget, events: PlayWireEvents): WirePlayer;
  /** The server hangs up on the sessions of a key (all when undefined). */
  kick(key?: string): void;
  /** Wall clock shared with the publisher's stamps (Date.now). */
  wallNow(): number;
  /** The phone's network on the wire (a fault proxy between the phone and the server), once there is one. */
  readonly network?: WireNetwork;
}

/** An address a socket connects to. */
export interface WireAddress {
  readonly host: string;
  readonly port: number;
}

/** Where a page URL's host leads, per protocol: the rig's fault proxy. */
export interface WireEndpoint {
  readonly rtmp: WireAddress;
  readonly httpFlv: WireAddress;
}

/** A lasting condition of the phone's path. */
export type WireCondition = 'stall' | 'partition' | 'refuse' | 'handshake-garbage';

/**
 * The phone's network as the wire makes it: conditions held on the path
 * between the phone and the server, which reach only the phone's own
 * connections (not remote anchors).
 */
export interface WireNetwork {
  /** Hold a condition from now until the returned function is called. */
  hold(condition: WireCondition): () => void;
  /** Break the phone's open connections (those of one stream key or host, or all) with a TCP reset. */
  reset(filter?: { readonly key?: string; readonly host?: string }): void;
  /** The steady conditions of the phone's network; undefined for none beyond the machine's own. */
  shape(shape: NetworkShape | undefined): void;
  /** Extra one-way delay on what one participant (or every player, '*') receives; 0 removes it. */
  delay(who: string, latencyMs: number): void;
}

/** Where to connect: the page's stream key and query, the protocol, and the connect budget. */
export interface WireTarget {
  readonly protocol: Exclude<StreamProtocol, 'room'>;
  /** `app/stream` as the page's URL names it */
  readonly key: string;
  readonly query: Readonly<Record<string, string>>;
  readonly connectTimeoutMs: number;
  /** the participant connecting (`player#id`), when known */
  readonly who?: string;
  /** the page URL's host */
  readonly host?: string;
  /** where the host map sent the page's host (the fault proxy); absent: the transport's own server (remote anchors) */
  readonly endpoint?: WireEndpoint;
}
