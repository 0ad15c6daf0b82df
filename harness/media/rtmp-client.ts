/**
 * RTMP publish and play over node-media-server's own client class
 * (node-media-server@2.7.4, pinned; rtmp-client.contract.test.ts guards the
 * parts we rely on). The class reports little, so the socket beneath it is
 * watched directly for connect, errors and close.
 */
import { randomBytes } from 'node:crypto';
import { createConnection, type Socket } from 'node:net';
import type { WireEnd, WireEvents } from '../../mocks/link';
import { TAG_AUDIO, TAG_SCRIPT, TAG_VIDEO, type FlvTag } from './flv';
import { resetSocket } from '../network/reset-socket';
import { readEndOrReset } from './end-or-reset';
import { type ClientParserState, lendMessages } from './rtmp-message-lender';
import { sharedReadBuffer } from './shared-read-buffer';

interface NodeRtmpClientLike {
  socket?: Socket;
  streamId: number;
  /** the chunk parser's current message (node-media-server internals, pinned; the contract test guards it) */
  parserPacket?: { header: { type: number }; payload: Buffer };
  rtmpControlHandler(): unknown;
  on(event: 'status', cb: (info: { code: string; level?: string }) => void): void;
  on(event: 'video' | 'audio' | 'script', cb: (payload: Buffer, clock: number) => void): void;
  on(event: 'close', cb: () => void): void;
  startPush(): void;
  startPull(): void;
  stop(): void;
  pushVideo(data: Buffer, ts: number): void;
  pushAudio(data: Buffer, ts: number): void;
  pushScript(data: Buffer, ts: number): void;
}

let silenced = false;
function nodeRtmpClient(url: string): NodeRtmpClientLike {
  if (!silenced) {
    // The client logs socket errors to the console itself; we report them as events instead.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('node-media-server/src/node_core_logger') as { setLogType(n: number): void }).setLogType(0);
    silenced = true;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ctor = require('node-media-server/src/node_rtmp_client') as new (url: string) => NodeRtmpClientLike;
  return new Ctor(url);
}

/** How a socket ended: the transport's own wire vocabulary. */
export type SocketFailure = WireEnd;

/** A client's events: the wire events the link knows, in a client's terms. */
export interface RtmpEvents extends Pick<WireEvents, 'onTcpConnect' | 'onSession' | 'onRejected' | 'onUnpublished'> {
  /** the socket connected from this local address (how a fault proxy learns whose connection it carries) */
  onLocal?(address: string, port: number): void;
  /** NetStream.Publish.Start / NetStream.Play.Start (HTTP-FLV: the first tag) */
  onStarted?(): void;
  onTag?(tag: FlvTag, receivedWallMs: number): void;
  /**
   * Each tag lent, not given: its data is a view the player reuses after the
   * call returns, so read it there and keep nothing. In place of onTag, for a
   * consumer that reads every tag at once (an audience of hundreds): no copy
   * per tag, and far less garbage.
   */
  onTagView?(tag: FlvTag, receivedWallMs: number): void;
  /** the socket failed or closed; `started` says whether the stream had begun */
  onEnd?(failure: SocketFailure, started: boolean): void;
}

/** What a phone's TCP holds in flight on a constrained path before its SDK's own queue grows (a few round trips' worth). */
export const PHONE_IN_FLIGHT_BYTES = 64 * 1024;

/** How a socket error ends a connection, in the wire's words (every player reads its errors this way). */
export function socketFailure(e: NodeJS.ErrnoException): SocketFailure {
  if (e.code === 'ECONNREFUSED') return 'refused';
  if (e.code === 'ETIMEDOUT') return 'timeout';
  return 'reset';
}

abstract class RtmpEndpoint {
  protected readonly client: NodeRtmpClientLike;
  protected started = false;
  private ended = false;
  /**
   * How the socket began to end, by the first sign of it: the server's FIN
   * ('end') or an error. A server that hangs up sends FIN and then, as a full
   * close does, answers our bytes still in flight with RST; the reset that
   * follows must not turn its hang-up into a network failure.
   */
  private firstEnd: SocketFailure | undefined;

  constructor(
    readonly url: string,
    protected readonly events: RtmpEvents,
    private readonly connectTimeoutMs = 5000,
  ) {
    this.client = nodeRtmpClient(url);
    this.client.on('status', (info) => {
      const code = String(info?.code ?? '');
      if (code === 'NetConnection.Connect.Success') this.events.onSession?.();
      else if (code === 'NetStream.Publish.Start' || code === 'NetStream.Play.Start') {
        this.started = true;
        this.events.onStarted?.();
      } else if (code === 'NetStream.Play.UnpublishNotify') this.events.onUnpublished?.();
      else if (/BadName|Failed|Rejected|StreamNotFound|Unauthorized/.test(code)) this.events.onRejected?.(code, /StreamNotFound/.test(code));
    });
  }

  protected watchSocket(): void {
    const s = this.client.socket;
    if (!s) return;
    s.setNoDelay(true);
    const timer = setTimeout(() => {
      if (!s.readyState || s.connecting) {
        this.firstEnd ??= 'timeout';
        s.destroy();
      }
    }, this.connectTimeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      if (s.localAddress && s.localPort) this.events.onLocal?.(s.localAddress, s.localPort);
      this.events.onTcpConnect?.();
    });
    // The server's FIN, or a reset libuv read as an end (it came with the last bytes): the verdict comes before 'close'.
    readEndOrReset(s, (how) => {
      this.firstEnd ??= how;
    });
    s.on('error', (e: NodeJS.ErrnoException) => {
      this.firstEnd ??= socketFailure(e);
    });
    s.once('close', () => {
      clearTimeout(timer);
      if (this.ended) return;
      this.ended = true;
      this.events.onEnd?.(this.firstEnd ?? 'closed', this.started);
    });
  }

  get bytesWritten(): number {
    return this.client.socket?.bytesWritten ?? 0;
  }

  private delivered: (() => number | undefined) | undefined;

  /**
   * Read the send queue against what the path has really carried (the fault
   * proxy's count). On loopback the kernel's autotuned buffers take megabytes
   * behind a slow path before write() backs up; a phone on that path holds
   * about PHONE_IN_FLIGHT_BYTES in flight, and the rest waits in its SDK's queue.
   */
  meterPath(delivered: () => number | undefined): void {
    this.delivered = delivered;
  }

  /** bytes accepted by write() but not yet on their way: the send queue */
  get queuedBytes(): number {
    const local = this.client.socket?.writableLength ?? 0;
    const carried = this.delivered?.();
    if (carried === undefined) return local;
    return Math.max(local, this.bytesWritten - carried - PHONE_IN_FLIGHT_BYTES);
  }

  /** Close quietly: no onEnd for a close we asked for. */
  close(): void {
    this.ended = true;
    try {
      if (this.client.streamId > 0) this.client.stop();
    } catch {
      /* socket already gone */
    }
    this.client.socket?.destroy();
  }

  /** Break the connection with a TCP reset, as a phone losing its network does; no onEnd. */
  abort(): void {
    this.ended = true;
    const s = this.client.socket;
    // Never resetAndDestroy itself: on a socket whose FIN is on its way it leaks the handle (see resetSocket).
    if (s) resetSocket(s);
  }
}

/** RTMP message types (RTMP spec §5.4). */
const RTMP_TYPE_ACKNOWLEDGEMENT = 3;
/**
 * The window we ask the server to acknowledge: every this many bytes it
 * received it tells us so. Small, so the unacknowledged tail that is not a
 * queue (at most one window) stays under ~120 ms of media even at a
 * min-bitrate of 200 kbps.
 */
export const ACK_WINDOW_BYTES = 4096;

/** A Window Acknowledgement Size message (type 5) on the control chunk stream 2. */
function windowAckSize(bytes: number): Buffer {
  const b = Buffer.from('02000000000004050000000000000000', 'hex');
  b.writeUInt32BE(bytes, 12);
  return b;
}

export class RtmpPublisher extends RtmpEndpoint {
  /** bytes the server says it has received (its RTMP acknowledgements); undefined before the first */
  private ackedBytes: number | undefined;

  start(): this {
    // The server's acknowledgements are what tell us how much really arrived: the
    // kernel's buffers (and a proxy's) hold megabytes that writableLength never sees.
    const c = this.client;
    const control = c.rtmpControlHandler.bind(c);
    c.rtmpControlHandler = () => {
      const p = c.parserPacket;
      if (p && p.header.type === RTMP_TYPE_ACKNOWLEDGEMENT && p.payload.length >= 4) this.ackedBytes = p.payload.readUInt32BE(0);
      return control();
    };
    c.on('status', (info) => {
      if (String(info?.code) === 'NetConnection.Connect.Success' && c.socket?.writable) c.socket.write(windowAckSize(ACK_WINDOW_BYTES));
    });
    this.client.startPush();
    this.watchSocket();
    return this;
  }

  /**
   * The send queue: bytes written that the server has not received yet, by
   * its acknowledgements — what waits in this process, in the kernel and on
   * the path, whatever the path is (the fault proxy or not, any RTMP server).
   * Never less than the path's own count (meterPath); before the first
   * acknowledgement (or from a server that sends none), that count alone.
   */
  override get queuedBytes(): number {
    const local = super.queuedBytes;
    if (this.ackedBytes === undefined) return local;
    return Math.max(local, this.bytesWritten - Math.min(this.bytesWritten, this.ackedBytes));
  }

  /** bytes the server acknowledged, or undefined before its first acknowledgement */
  get bytesAcknowledged(): number | undefined {
    return this.ackedBytes;
  }

  get publishing(): boolean {
    return this.started;
  }

  write(tag: FlvTag): void {
    // Not writable once either side has ended: a write after the server's FIN would fail with EPIPE.
    if (!this.started || !this.client.socket?.writable) return;
    if (tag.type === TAG_VIDEO) this.client.pushVideo(tag.data, tag.timestamp);
    else if (tag.type === TAG_AUDIO) this.client.pushAudio(tag.data, tag.timestamp);
    else if (tag.type === TAG_SCRIPT) this.client.pushScript(setDataFrame(tag.data), tag.timestamp);
  }
}

/** AMF0 string "@setDataFrame": RTMP encoders wrap onMetaData in it, and servers keep the metadata only then. */
const SET_DATA_FRAME = Buffer.from([0x02, 0x00, 0x0d, ...Buffer.from('@setDataFrame', 'latin1')]);

function setDataFrame(script: Buffer): Buffer {
  return script.subarray(0, SET_DATA_FRAME.length).equals(SET_DATA_FRAME) ? script : Buffer.concat([SET_DATA_FRAME, script]);
}

export class RtmpPlayer extends RtmpEndpoint {
  start(): this {
    const lent = this.events.onTagView;
    if (lent) this.readIntoSharedBuffer((type, payload, clock) => lent({ type, timestamp: clock, data: payload }, Date.now()));
    // The client hands out views of one reused receive buffer: copy before the next packet overwrites it,
    // unless the consumer only borrows them.
    const view = this.events.onTagView;
    const emit = view
      ? (type: number) => (payload: Buffer, clock: number) => view({ type, timestamp: clock, data: payload }, Date.now())
      : (type: number) => (payload: Buffer, clock: number) => this.events.onTag?.({ type, timestamp: clock, data: Buffer.from(payload) }, Date.now());
    this.client.on('video', emit(TAG_VIDEO));
    this.client.on('audio', emit(TAG_AUDIO));
    this.client.on('script', emit(TAG_SCRIPT));
    this.client.startPull();
    this.watchSocket();
    return this;
  }

  /**
   * node-media-server's client opens its socket with a 'data' listener: every
   * read then allocates a buffer that only lives until the chunk parser has
   * copied it out. Open the same socket, with the same listeners, reading into
   * the thread's shared buffer instead (contract test: the client's _start).
   */
  private readIntoSharedBuffer(lend: (type: number, payload: Buffer, clock: number) => void): void {
    const c = this.client as NodeRtmpClientLike & RtmpClientInternals;
    if (typeof c._start !== 'function' || !c.info || typeof c.onSocketData !== 'function') return;
    c._start = () => {
      const buffer = sharedReadBuffer();
      const socket = createConnection({
        port: Number(c.info.port),
        host: c.info.hostname,
        onread: {
          buffer,
          // Called with `buffer` itself, `n` bytes read into it.
          callback: (n: number) => {
            // Whole media messages straight from the read (RTMP's audio, video and data types are FLV's tag types);
            // whatever is left, through the client's own parser.
            const used = lendMessages(c, buffer, n, lend);
            if (used < n) c.onSocketData(buffer.subarray(used, n));
            return true;
          },
        },
      });
      c.socket = socket;
      // As the client's own connect callback does: C0 (version 3) and C1 (time, zero, random).
      socket.once('connect', () => {
        const c0c1 = randomBytes(1537);
        c0c1.writeUInt8(3, 0);
        c0c1.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 1);
        c0c1.writeUInt32BE(0, 5);
        socket.write(c0c1);
      });
      socket.on('error', c.onSocketError.bind(c));
      socket.on('close', c.onSocketClose.bind(c));
      socket.on('timeout', c.onSocketTimeout.bind(c));
      socket.setTimeout(60_000);
    };
  }
}

/** The parts of node-media-server's client that its own _start touches (pinned; the contract test guards them). */
interface RtmpClientInternals extends ClientParserState {
  info: { port: string | number; hostname: string };
  _start(): void;
  onSocketData(data: Buffer): void;
  onSocketError(e: Error): void;
  onSocketClose(): void;
  onSocketTimeout(): void;
}
