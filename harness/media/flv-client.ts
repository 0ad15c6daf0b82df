/**
 * An HTTP-FLV viewer: GET the .flv URL and read tags as they arrive. The
 * stream's end is only the response ending — HTTP-FLV has no "unpublished".
 */
import { type ClientRequest, get, type IncomingMessage } from 'node:http';
import { resetSocket } from '../network/reset-socket';
import { readEndOrReset } from './end-or-reset';
import { type FlvTag, FlvReader } from './flv';
import { type RtmpEvents, type SocketFailure, socketFailure } from './rtmp-client';

export class FlvPlayer {
  private req: ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private ended = false;
  private started = false;

  constructor(
    readonly url: string,
    private readonly events: RtmpEvents,
    private readonly connectTimeoutMs = 5000,
  ) {}

  start(): this {
    let error: NodeJS.ErrnoException | undefined;
    const req = get(this.url, { agent: false, headers: { 'User-Agent': 'live-harness' } });
    this.req = req;
    // Only the TCP connect is timed here: a server may rightly hold the response until the stream exists.
    const timer = setTimeout(() => {
      error = Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' });
      req.destroy();
    }, this.connectTimeoutMs);
    req.once('socket', (s) => {
      s.setNoDelay(true);
      // A reset that libuv read as an end (it came with the last bytes): told before http, which listens to
      // 'end' after us, cuts the response short, so the response's close reads it as the reset it was.
      readEndOrReset(s, (how, e) => {
        if (how === 'reset') error ??= e;
      });
      // A reset mid-response: the socket's error comes before the response's close, so the end is read as a reset.
      // Once the end is read, the verdict above says what it was (an error after it is our empty write's own).
      s.on('error', (e: NodeJS.ErrnoException) => {
        if (!s.readableEnded) error ??= e;
      });
      s.once('connect', () => {
        clearTimeout(timer);
        if (s.localAddress && s.localPort) this.events.onLocal?.(s.localAddress, s.localPort);
        this.events.onTcpConnect?.();
      });
      s.once('close', () => clearTimeout(timer));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e;
      this.end(socketFailure(error));
    });
    req.once('response', (res) => {
      this.res = res;
      if (res.statusCode !== 200) {
        this.events.onRejected?.(`HTTP ${res.statusCode}`, res.statusCode === 404);
        res.once('end', () => this.end('closed'));
        res.resume();
        return;
      }
      this.events.onSession?.();
      const view = this.events.onTagView;
      const reader = new FlvReader((tag: FlvTag) => {
        if (!this.started) {
          this.started = true;
          this.events.onStarted?.();
        }
        if (view) view(tag, Date.now());
        else this.events.onTag?.(tag, Date.now());
      }, view !== undefined);
      res.on('data', (chunk: Buffer) => {
        try {
          reader.push(chunk);
        } catch {
          req.destroy();
        }
      });
      res.once('end', () => this.end('closed'));
      res.once('close', () => this.end(error ? 'reset' : 'closed'));
    });
    return this;
  }

  private end(f: SocketFailure): void {
    if (this.ended) return;
    this.ended = true;
    this.events.onEnd?.(f, this.started);
  }

  close(): void {
    this.ended = true;
    this.req?.destroy();
  }

  /** Break the connection with a TCP reset; no onEnd. */
  abort(): void {
    this.ended = true;
    const s = this.req?.socket;
    // Never resetAndDestroy itself: on a socket whose FIN is on its way it leaks the handle (see resetSocket).
    if (s) resetSocket(s);
    this.req?.destroy();
  }
}
