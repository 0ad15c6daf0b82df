/**
 * readEndOrReset on real loopback sockets. The reader is paused while the
 * peer writes and then resets or hangs up, so the bytes and the RST (or FIN)
 * wait together in the kernel: exactly what libuv reads as a plain end.
 */
import type { Socket } from 'node:net';
import { LoopbackPeer } from '../../test-support/loopback-peer';
import { type EndVerdict, readEndOrReset } from './end-or-reset';

const peer = new LoopbackPeer();
beforeAll(() => peer.start());
afterAll(() => peer.stop());

const closedSocket = (s: Socket): Promise<void> => new Promise((resolve) => (s.closed ? resolve() : s.once('close', () => resolve())));

/**
 * One connection: the peer sends bytes, then `hangUp` acts while the reader is paused; the reader
 * then reads it all. Returns what the socket itself said (its first 'end' or 'error') and the verdict.
 */
async function once(hangUp: (theirs: Socket) => Promise<void>): Promise<{ socketSaid: string; verdict: EndVerdict | undefined; peerGot: number }> {
  const { client: c, theirs } = await peer.pair();
  let peerGot = 0;
  theirs.on('data', (d: Buffer) => (peerGot += d.length));
  let socketSaid = '';
  let verdict: EndVerdict | undefined;
  readEndOrReset(c, (how) => (verdict = how));
  c.once('end', () => (socketSaid ||= 'end'));
  c.on('error', (e: NodeJS.ErrnoException) => (socketSaid ||= e.code ?? 'error'));
  c.on('data', () => undefined);
  c.pause();
  await hangUp(theirs);
  c.resume();
  await closedSocket(c);
  return { socketSaid, verdict, peerGot };
}

/** The peer's kernel has sent everything, the RST last (its socket is closed). */
async function writeAndReset(theirs: Socket): Promise<void> {
  theirs.write(Buffer.alloc(5000, 1));
  theirs.resetAndDestroy();
  await closedSocket(theirs);
}

describe('readEndOrReset', () => {
  it('reads an RST that came with the last bytes as a reset, every time (libuv reads it as an end)', async () => {
    const said: Record<string, number> = {};
    const verdicts: Record<string, number> = {};
    for (let i = 0; i < 50; i++) {
      const r = await once(writeAndReset);
      said[r.socketSaid] = (said[r.socketSaid] ?? 0) + 1;
      verdicts[String(r.verdict)] = (verdicts[String(r.verdict)] ?? 0) + 1;
    }
    console.log(`an RST behind 5000 bytes, 50 times: the socket said ${JSON.stringify(said)}; the verdict was ${JSON.stringify(verdicts)}`);
    // Whatever the socket says (an end, on Node 20's libuv), the verdict is a reset.
    expect(verdicts).toEqual({ reset: 50 });
  });

  it('reads a FIN as a hang-up, and its question sends the peer nothing', async () => {
    const r = await once(async (theirs) => {
      theirs.end(Buffer.alloc(5000, 1));
      await new Promise<void>((resolve) => theirs.once('finish', () => resolve()));
    });
    expect(r).toEqual({ socketSaid: 'end', verdict: 'closed', peerGot: 0 });
  });

  it('reads a FIN followed by an RST (the peer answering after its hang-up) as a hang-up', async () => {
    const r = await once(async (theirs) => {
      theirs.end(Buffer.alloc(5000, 1));
      await new Promise<void>((resolve) => theirs.once('finish', () => resolve()));
      theirs.resetAndDestroy();
      await closedSocket(theirs);
    });
    expect(r.verdict).toBe('closed');
  });

  it('says nothing more when the socket breaks with an error before any end', async () => {
    const { client: c, theirs } = await peer.pair();
    const verdicts: EndVerdict[] = [];
    readEndOrReset(c, (how) => verdicts.push(how));
    let said = '';
    c.on('error', (e: NodeJS.ErrnoException) => (said = e.code ?? 'error'));
    theirs.resetAndDestroy();
    await closedSocket(c);
    expect(said).toBe('ECONNRESET');
    expect(verdicts).toEqual([]);
  });
});
