/**
 * A TCP server on 127.0.0.1 for socket-level tests: each connection a test
 * opens comes back as a pair, our client and the server's side of it, so a
 * test can make the peer write, hang up or reset exactly when it wants.
 * Every socket it made is destroyed by stop().
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class LoopbackPeer {
  private server: Server | undefined;
  private port = 0;
  private accepted: (s: Socket) => void = () => undefined;
  private readonly opened = new Set<Socket>();

  async start(): Promise<this> {
    const server = createServer({ allowHalfOpen: true }, (s) => {
      this.opened.add(s);
      s.on('error', () => undefined);
      this.accepted(s);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  /** A connected pair; `allowHalfOpen` is the client's (the server's side is always half-open). */
  async pair(options: { readonly allowHalfOpen?: boolean } = {}): Promise<{ client: Socket; theirs: Socket }> {
    const theirs = new Promise<Socket>((resolve) => (this.accepted = resolve));
    const client = connect({ host: '127.0.0.1', port: this.port, allowHalfOpen: options.allowHalfOpen ?? false });
    this.opened.add(client);
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    return { client, theirs: await theirs };
  }

  async stop(): Promise<void> {
    for (const s of this.opened) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
