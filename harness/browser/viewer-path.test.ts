/** The browser viewer's relay, on loopback sockets: it names each connection before any byte moves, and passes resets on. */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { ViewerPath } from './viewer-path';

let upstream: Server;
let upstreamSockets: Socket[];
let port: number;

beforeEach(async () => {
  upstreamSockets = [];
  upstream = createServer((s) => {
    upstreamSockets.push(s);
    s.on('error', () => undefined);
    s.on('data', (d) => s.write(`echo:${d.toString()}`));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  port = (upstream.address() as { port: number }).port;
});
afterEach(async () => {
  for (const s of upstreamSockets) s.destroy();
  await new Promise((r) => upstream.close(r));
});

function client(p: ViewerPath): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const c = connect(p.endpoint.port, p.endpoint.host, () => resolve(c));
    c.once('error', reject);
  });
}

describe('ViewerPath', () => {
  it('names each upstream connection by its local end before relaying, and relays both ways', async () => {
    const named: Array<[string, number, number]> = [];
    await using path = await new ViewerPath({
      upstream: { host: '127.0.0.1', port },
      // What the proxy would see as the client's address: the upstream socket's remote end.
      name: (address, localPort) => named.push([address, localPort, upstreamSockets.length]),
    }).start();
    expect(path.endpoint.host).toBe('127.0.0.1');
    const c = await client(path);
    c.write('hello');
    const reply = await new Promise<string>((r) => c.once('data', (d) => r(d.toString())));
    expect(reply).toBe('echo:hello');
    expect(named).toHaveLength(1);
    expect(named[0][0]).toBe('127.0.0.1');
    expect(upstreamSockets[0].remotePort).toBe(named[0][1]);
    c.destroy();
  });

  it("passes a reset from upstream on to the page's connection", async () => {
    await using path = await new ViewerPath({ upstream: { host: '127.0.0.1', port }, name: () => undefined }).start();
    const c = await client(path);
    c.write('x');
    await new Promise((r) => c.once('data', r));
    const ended = new Promise<string>((r) => {
      c.once('error', (e: NodeJS.ErrnoException) => r(e.code ?? 'error'));
      c.once('end', () => r('end'));
    });
    upstreamSockets[0].resetAndDestroy();
    expect(await ended).toBe('ECONNRESET');
  });

  it('closes its listener and open connections on stop', async () => {
    const path = await new ViewerPath({ upstream: { host: '127.0.0.1', port }, name: () => undefined }).start();
    const c = await client(path);
    const closed = new Promise((r) => c.once('close', r));
    const at = path.endpoint;
    await path.stop();
    await closed;
    await expect(
      new Promise((resolve, reject) => {
        const again = connect(at.port, at.host, () => resolve(again.destroy()));
        again.once('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code)));
      }),
    ).rejects.toThrow('ECONNREFUSED');
  });
});
