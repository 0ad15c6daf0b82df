/**
 * node-media-server in a child process: generated config, dynamic ports,
 * readiness that waits until RTMP and HTTP-FLV really accept, server events
 * over IPC, and a teardown that always kills the process group.
 *
 *   await using server = await new MediaServer().start();
 *   server.rtmpUrl('live/abc'); server.flvUrl('live/abc');
 */
import '../dispose-symbols';
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { isLoopback, urlHost } from './lan';
import { terminate, track } from './processes';
import { type SignOptions, UrlSigner } from './url-sign';

/** What a server does with a publish to a key another session still publishes. */
export type PublishTakenPolicy = 'reject' | 'kick';

export interface ServerEvent {
  /** `unauthorized`: a signed server refused a publish or play (`action`) without a valid sign */
  readonly event:
    'postConnect' | 'doneConnect' | 'prePublish' | 'postPublish' | 'donePublish' | 'prePlay' | 'postPlay' | 'donePlay' | 'unauthorized' | 'publishTaken';
  readonly id: string;
  readonly action?: 'publish' | 'play';
  readonly streamPath?: string;
  /** publishTaken: the session that still holds the key, and what the server did about the newcomer */
  readonly holder?: string;
  readonly policy?: PublishTakenPolicy;
  /** wall ms (Date.now) in the server process */
  readonly wallMs: number;
}

export interface MediaServerOptions {
  /** interface to bind; 127.0.0.1 unless a device session needs the LAN */
  readonly host?: string;
  /**
   * Every publish and play needs node-media-server's signed URL
   * (`?sign=<expiry>-<md5>`). On by default when `host` is not loopback, and
   * cannot be turned off there; opt in on loopback (tests of the LAN mode).
   */
  readonly signedUrls?: boolean;
  /** how long a sign made without an explicit expiry is valid, ms (default 6 h) */
  readonly signValidForMs?: number;
  readonly readyTimeoutMs?: number;
  /** node-media-server log level 0–4 (0 silent); its output is kept for error messages */
  readonly logType?: number;
  /** fixed ports (a phone on the LAN may need known ones); dynamic when unset */
  readonly rtmpPort?: number;
  readonly httpPort?: number;
  /** node-media-server's own write batching (10 packets per player write, ~200 ms bursts); off by default, as CDN edges do not batch so */
  readonly batchWrites?: boolean;
  /**
   * bench:load's "before" only: turn batching off the earlier way (cork off on
   * every socket), which also split each HTTP-FLV tag into 4 writes per viewer.
   */
  readonly splitWrites?: boolean;
  /**
   * A publish to a key another session still publishes (a ghost left by a
   * silent partition, say): 'reject' the newcomer with "already publishing"
   * (node-media-server's, SRS's and nginx-rtmp's way; the default), or 'kick'
   * the old session. A publisher may choose per publish (lh_publish_taken).
   */
  readonly publishTaken?: PublishTakenPolicy;
}

export class MediaServerError extends Error {
  readonly code = 'LH_MEDIA_SERVER';
  constructor(message: string) {
    super(message);
    this.name = 'MediaServerError';
  }
}

export async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function accepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

export class MediaServer {
  constructor(private readonly opts: MediaServerOptions = {}) {}

  async start(): Promise<StartedMediaServer> {
    const host = this.opts.host ?? '127.0.0.1';
    if (this.opts.signedUrls === false && !isLoopback(host))
      throw new MediaServerError(
        `[live-harness] Failed to start the media server: host ${host} is reachable from the network and signedUrls is false, so any host there could publish and play. Leave signedUrls unset (on), or bind 127.0.0.1.`,
      );
    const signer = (this.opts.signedUrls ?? !isLoopback(host)) ? new UrlSigner(undefined, this.opts.signValidForMs) : undefined;
    if (this.opts.rtmpPort !== undefined || this.opts.httpPort !== undefined) {
      return this.startOnce(host, this.opts.rtmpPort ?? (await freePort(host)), this.opts.httpPort ?? (await freePort(host)), signer);
    }
    let lastError: unknown;
    // A port picked free can be taken before the child binds it: try again with new ones.
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        return await this.startOnce(host, await freePort(host), await freePort(host), signer);
      } catch (e) {
        lastError = e;
        if (!(e instanceof MediaServerError && /EADDRINUSE/.test(e.message))) throw e;
      }
    }
    throw lastError;
  }

  private startOnce(host: string, rtmpPort: number, httpPort: number, signer: UrlSigner | undefined): Promise<StartedMediaServer> {
    const timeoutMs = this.opts.readyTimeoutMs ?? 15_000;
    const cfg = {
      host,
      rtmpPort,
      httpPort,
      logType: this.opts.logType ?? 1,
      batchWrites: this.opts.batchWrites === true,
      splitWrites: this.opts.splitWrites === true,
      signed: signer !== undefined,
      publishTaken: this.opts.publishTaken ?? 'reject',
    };
    const child = spawn(process.execPath, [join(__dirname, 'nms-entry.cjs'), JSON.stringify(cfg)], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
      // The secret goes in the environment: a command line is readable by every local user.
      env: signer ? { ...process.env, LIVE_HARNESS_NMS_SECRET: signer.secret } : process.env,
    });
    track(child);
    const output: string[] = [];
    const keep = (chunk: Buffer): void => {
      output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (output.length > 60) output.splice(0, output.length - 60);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const tail = (): string => (output.length ? `\nLast server output:\n  ${output.slice(-15).join('\n  ')}` : '');
    return new Promise<StartedMediaServer>((resolve, reject) => {
      let settled = false;
      const fail = async (reason: string): Promise<void> => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        await terminate(child);
        reject(new MediaServerError(`[live-harness] Failed to start the media server: ${reason}.${tail()}`));
      };
      const timer = setTimeout(
        () =>
          void fail(
            `RTMP ${host}:${rtmpPort} and HTTP ${host}:${httpPort} were not accepting after ${timeoutMs} ms (readyTimeoutMs). Raise the timeout on a loaded machine`,
          ),
        timeoutMs,
      );
      child.once('error', (e) => void fail(`could not spawn ${process.execPath} (${e.message})`));
      child.once('exit', (code, signal) => void fail(`the server process exited early (code ${code}, signal ${signal})`));
      child.on(
        'message',
        async (m: { type: string; what?: string; code?: string; message?: string; rtmpPort?: number; httpPort?: number; version?: string }) => {
          if (m.type === 'error') {
            const port = m.what === 'rtmp' ? rtmpPort : httpPort;
            const fix = m.code === 'EADDRINUSE' ? `. Port ${port} is in use: free it, or leave ${m.what}Port unset for a dynamic port` : '';
            return void fail(`${m.what} port ${port} on ${host}: ${`${m.code ?? ''} ${m.message ?? ''}`.trim()}${fix}`);
          }
          if (m.type !== 'ready' || settled) return;
          // Listening is not accepting: check both ports really take a connection.
          const [r, h] = await Promise.all([accepts(host, rtmpPort, 2000), accepts(host, httpPort, 2000)]);
          if (!r || !h) return void fail(`the server said ready but ${!r ? `RTMP ${host}:${rtmpPort}` : `HTTP ${host}:${httpPort}`} refused a connection`);
          settled = true;
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve(new StartedMediaServer(child, host, rtmpPort, httpPort, m.version ?? 'unknown', output, signer));
        },
      );
    });
  }
}

export class StartedMediaServer implements AsyncDisposable {
  private readonly listeners = new Set<(e: ServerEvent) => void>();
  private stopping: Promise<void> | undefined;
  private kickSeq = 0;

  constructor(
    private readonly child: ChildProcess,
    readonly host: string,
    readonly rtmpPort: number,
    readonly httpPort: number,
    readonly version: string,
    private readonly output: string[],
    private readonly signer?: UrlSigner,
  ) {
    child.on('message', (m: { type: string } & ServerEvent) => {
      if (m.type !== 'event') return;
      const e: ServerEvent = {
        event: m.event,
        id: m.id,
        streamPath: m.streamPath,
        wallMs: m.wallMs,
        ...(m.action ? { action: m.action } : {}),
        ...(m.holder !== undefined ? { holder: m.holder } : {}),
        ...(m.policy !== undefined ? { policy: m.policy } : {}),
      };
      for (const l of this.listeners) l(e);
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Whether every publish and play needs a signed URL. */
  get signed(): boolean {
    return this.signer !== undefined;
  }

  /** How long a sign made now is valid by default, ms (undefined on an unsigned server). */
  get signValidForMs(): number | undefined {
    return this.signer?.validForMs;
  }

  /**
   * The `sign` query value for a server stream path (`/live/abc`), or
   * undefined on an unsigned server. An `expiresAtMs` in the past makes one
   * the server refuses (tests do).
   */
  sign(streamPath: string, o: SignOptions = {}): string | undefined {
    return this.signer?.sign(streamPath, o);
  }

  /** `rtmp://host:port/<key>`, signed when the server wants it. */
  rtmpUrl(key: string, o: SignOptions = {}): string {
    return this.maybeSign(`rtmp://${urlHost(this.host)}:${this.rtmpPort}/${key.replace(/^\/+/, '')}`, o);
  }

  /** `http://host:port/<key>.flv`, signed when the server wants it. */
  flvUrl(key: string, o: SignOptions = {}): string {
    return this.maybeSign(`http://${urlHost(this.host)}:${this.httpPort}/${key.replace(/^\/+/, '')}.flv`, o);
  }

  private maybeSign(url: string, o: SignOptions): string {
    return this.signer ? this.signer.signUrl(url, o) : url;
  }

  /** Server events (publish/play begin and end); returns an unsubscribe function. */
  onEvent(listener: (e: ServerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Close the sessions of a stream path (`/live/abc`), or all: a server-side kick. */
  kick(streamPath?: string): Promise<number> {
    const seq = ++this.kickSeq;
    return new Promise((resolve) => {
      const on = (m: { type: string; seq?: number; sessions?: number }): void => {
        if (m.type === 'kicked' && m.seq === seq) {
          this.child.off('message', on);
          resolve(m.sessions ?? 0);
        }
      };
      this.child.on('message', on);
      this.child.send({ cmd: 'kick', streamPath, seq });
    });
  }

  /**
   * Let this process exit while the server runs (a server shared by a jest
   * worker): the exit hooks of processes.ts still kill it then.
   */
  unref(): this {
    this.child.unref();
    (this.child as unknown as { channel?: { unref(): void } }).channel?.unref();
    for (const s of [this.child.stdout, this.child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
    return this;
  }

  /** Recent server output, attached to failures. */
  recentOutput(): string[] {
    return [...this.output];
  }

  /** Idempotent and safe to call concurrently. */
  stop(): Promise<void> {
    this.stopping ??= terminate(this.child).then(() => this.listeners.clear());
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
