/**
 * resetSocket on real loopback sockets: a reset always closes the socket's
 * handle, even when the socket's own FIN is still on its way (where Node's
 * resetAndDestroy alone leaves the handle open for good).
 */
import type { Socket } from 'node:net';
import { LoopbackPeer } from '../../test-support/loopback-peer';
import { resetSocket, SHUTDOWN_WAIT_MS } from './reset-socket';

const peer = new LoopbackPeer();
beforeAll(() => peer.start());
afterAll(() => peer.stop());

/** TCP sockets whose handles are open in this process (closed ones leave the list when libuv has closed them). */
const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

/** A connected pair: our client, and the server's side of it. */
async function pair(): Promise<{ client: Socket; theirs: Socket }> {
  const p = await peer.pair({ allowHalfOpen: true });
  p.client.on('error', () => undefined);
  return p;
}

function closed(s: Socket, budgetMs = 5000): Promise<boolean> {
  if (s.destroyed && s.closed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), budgetMs);
    s.once('close', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

describe('resetSocket', () => {
  it('resets an open socket: the peer reads ECONNRESET', async () => {
    const { client, theirs } = await pair();
    const seen = new Promise<string>((resolve) => {
      client.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      client.once('end', () => resolve('end'));
    });
    resetSocket(theirs);
    expect(await seen).toBe('ECONNRESET');
    expect(await closed(theirs)).toBe(true);
  });

  it('resets a socket whose FIN is still on its way once the FIN is out, and its handle closes', async () => {
    const before = tcpHandles();
    const { client, theirs } = await pair();
    const got: string[] = [];
    client.on('data', (d: Buffer) => got.push(d.toString()));
    client.once('end', () => got.push('FIN'));
    theirs.end('bye');
    expect(theirs.writableFinished).toBe(false); // the shutdown is in flight: resetAndDestroy alone would leak the handle here
    resetSocket(theirs);
    expect(await closed(theirs)).toBe(true);
    await new Promise<void>((resolve) => (got.includes('FIN') ? resolve() : client.once('end', () => resolve())));
    expect(got).toEqual(['bye', 'FIN']);
    // The reset came after the FIN: the peer's next write meets it.
    const after = new Promise<string>((resolve) => client.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error')));
    client.write('late');
    client.write('later');
    expect(['ECONNRESET', 'EPIPE']).toContain(await after);
    client.destroy();
    await closed(client);
    // Every handle of the pair is closed: nothing holds the process open.
    const t0 = performance.now();
    while (tcpHandles() > before && performance.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(tcpHandles()).toBeLessThanOrEqual(before);
  });

  it('closes without a reset a socket whose FIN is stuck behind bytes the peer never reads', async () => {
    const { client, theirs } = await pair();
    client.pause(); // the peer reads nothing: the kernel buffers fill and the shutdown waits behind them
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 64 && theirs.writableLength === 0; i++) theirs.write(block);
    theirs.end();
    expect(theirs.writableFinished).toBe(false);
    const start = performance.now();
    resetSocket(theirs);
    expect(await closed(theirs, SHUTDOWN_WAIT_MS + 5000)).toBe(true);
    expect(performance.now() - start).toBeGreaterThanOrEqual(SHUTDOWN_WAIT_MS - 5);
    client.destroy();
  });

  it('does nothing to a socket already destroyed', async () => {
    const { theirs } = await pair();
    theirs.destroy();
    expect(() => resetSocket(theirs)).not.toThrow();
    expect(await closed(theirs)).toBe(true);
  });
});
