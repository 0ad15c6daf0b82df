/**
 * A browser viewer's own path to the server: a loopback relay the page
 * connects to, which opens each of its connections to `upstream` (the rig's
 * fault proxy) and names it there before the first byte moves. The proxy
 * then knows which connections are this viewer's, so a toxic matched on its
 * name reaches it alone. Chromium's own connections cannot be told apart on
 * the proxy (their source ports are the browser's to choose), hence the relay.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { resetSocket } from '../network/reset-socket';
import '../dispose-symbols';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface ViewerPathOptions {
  readonly upstream: HostPort;
  /** called with the local end of each upstream connection once it is open, before any byte is sent */
  readonly name: (localAddress: string, localPort: number) => void;
}

export class ViewerPath {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private listening: HostPort | undefined;

  constructor(private readonly opts: ViewerPathOptions) {}

  /** Where the page connects: 127.0.0.1 on a dynamic port. */
  get endpoint(): HostPort {
    if (!this.listening) throw new Error('[live-harness] Failed to tell the viewer path: it is not started. Await start() first.');
    return this.listening;
  }

  async start(): Promise<this> {
    const server = createServer({ pauseOnConnect: true }, (down) => this.relay(down));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const a = server.address();
    if (a === null || typeof a === 'string') throw new Error('[live-harness] Failed to start a viewer path: the relay has no port.');
    this.listening = { host: '127.0.0.1', port: a.port };
    return this;
  }

  private relay(down: Socket): void {
    const up = connect(this.opts.upstream.port, this.opts.upstream.host);
    for (const s of [down, up]) {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    }
    // A reset on one side is a reset on the other: the page must see what the proxy did.
    // Never resetAndDestroy itself: on a socket whose FIN is on its way it leaks the handle, and the process spins at exit.
    down.on('error', () => resetSocket(up));
    up.on('error', () => resetSocket(down));
    down.on('close', () => up.destroy());
    up.on('close', () => down.destroy());
    up.once('connect', () => {
      this.opts.name(up.localAddress ?? '127.0.0.1', up.localPort ?? 0);
      down.pipe(up);
      up.pipe(down);
      down.resume();
    });
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
