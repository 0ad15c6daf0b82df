/**
 * An HTTP-FLV viewer for an audience of hundreds in one thread: what
 * FlvPlayer tells, told the same way, at about half its CPU. Its socket reads
 * into the thread's shared buffer (no allocation per read), its own reader
 * takes the HTTP response apart, and tags are lent (onTagView), never copied
 * unless a read cut one in two.
 */
import { createConnection, type Socket } from 'node:net';
import { resetSocket } from '../network/reset-socket';
import { readEndOrReset } from './end-or-reset';
import { FlvReader } from './flv';
import { HttpBodyReader } from './http-body-reader';
import { type RtmpEvents, type SocketFailure, socketFailure } from './rtmp-client';
import { sharedReadBuffer } from './shared-read-buffer';

export type LeanFlvEvents = Omit<RtmpEvents, 'onTag' | 'onTagView'> & Required<Pick<RtmpEvents, 'onTagView'>>;

export class LeanFlvPlayer {
  private socket: Socket | undefined;
  private ended = false;
  private started = false;
  private error: NodeJS.ErrnoException | undefined;

  constructor(
    readonly url: string,
    private readonly events: LeanFlvEvents,
    private readonly connectTimeoutMs = 5000,
  ) {}

  start(): this {
    const u = new URL(this.url);
    if (u.protocol !== 'http:')
      throw new Error(`[live-harness] Failed to play ${this.url}: an audience reads HTTP-FLV over http:// only. Give the server's http:// FLV URL.`);
    const flvReader = new FlvReader((tag) => {
      if (!this.started) {
        this.started = true;
        this.events.onStarted?.();
      }
      this.events.onTagView(tag, Date.now());
    }, true);
    let playing = false;
    const http = new HttpBodyReader({
      onHead: ({ statusCode }) => {
        if (statusCode === 200) {
          playing = true;
          this.events.onSession?.();
        } else {
          this.events.onRejected?.(`HTTP ${statusCode}`, statusCode === 404);
          this.finish('closed');
        }
      },
      onBody: (bytes) => {
        if (playing) flvReader.push(bytes);
      },
      // The server ended the stream: HTTP-FLV has no "unpublished", only the response's end.
      onComplete: () => this.finish('closed'),
    });
    const buffer = sharedReadBuffer();
    const s = createConnection({
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: Number(u.port || 80),
      onread: {
        buffer,
        // Called with `buffer` itself, `n` bytes read into it.
        callback: (n: number) => {
          if (this.ended) return false;
          try {
            http.push(buffer.subarray(0, n));
          } catch (e) {
            // Not HTTP-FLV (or garbage): a viewer that cannot read the stream leaves, as a player would.
            this.error ??= Object.assign(e instanceof Error ? e : new Error(String(e)), { code: 'EPROTO' });
            this.finish('reset');
          }
          return true;
        },
      },
    });
    this.socket = s;
    s.setNoDelay(true);
    // Only the TCP connect is timed: a server may rightly hold the response until the stream exists.
    const timer = setTimeout(() => {
      this.error ??= Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' });
      this.finish('timeout');
    }, this.connectTimeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      if (s.localAddress && s.localPort) this.events.onLocal?.(s.localAddress, s.localPort);
      this.events.onTcpConnect?.();
      s.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUser-Agent: live-harness\r\nAccept: */*\r\nConnection: close\r\n\r\n`, 'latin1');
    });
    // A reset that libuv read as an end (it came with the last bytes) is still a reset (see end-or-reset.ts).
    readEndOrReset(s, (how, e) => {
      if (how === 'reset') this.error ??= e;
    });
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (!s.readableEnded) this.error ??= e;
    });
    s.once('close', () => {
      clearTimeout(timer);
      const e = this.error;
      this.finish(e ? socketFailure(e) : 'closed');
    });
    return this;
  }

  private finish(f: SocketFailure): void {
    this.socket?.destroy();
    if (this.ended) return;
    this.ended = true;
    this.events.onEnd?.(f, this.started);
  }

  close(): void {
    this.ended = true;
    this.socket?.destroy();
  }

  /** Break the connection with a TCP reset; no onEnd. */
  abort(): void {
    this.ended = true;
    if (this.socket) resetSocket(this.socket);
  }
}
