/**
 * The "already publishing" quirk, reproduced with the real pusher model on the
 * embedded server (issue 10, item 5). A silent partition — a black hole
 * between phone and server — leaves the server holding the phone's publish
 * session: the phone times out (3005), its close and its last bytes vanish
 * in the black hole, so the server never hears of it. Once the network is
 * back, the phone's reconnect meets its own ghost. The server's policy
 * decides: reject the newcomer (the pusher gives up with -1307), or kick the
 * ghost (the pusher is back).
 *
 * The black hole here is a small relay in the test, because it must drop what
 * a connection sends and its end while partitioned, and keep the server's side
 * open afterwards, as a real black hole does; it answers the server with a
 * reset the first time the server writes to a ghost (the phone's kernel no
 * longer knows the connection), which node-media-server does at its ping.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { localEndpoint, MediaServer } from '../media';
import { createRig } from './rig';

const root = join(__dirname, '../../fixtures/miniprogram');

class BlackHole {
  private partitioned = false;
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  port = 0;

  constructor(private readonly upstreamPort: number) {}

  async start(): Promise<this> {
    this.server = createServer({ allowHalfOpen: true }, (phone) => this.accept(phone));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  private accept(phone: Socket): void {
    const server = connect({ port: this.upstreamPort, host: '127.0.0.1', allowHalfOpen: true });
    this.sockets.add(phone).add(server);
    let ghost = false;
    phone.on('data', (d: Buffer) => {
      if (!this.partitioned) server.write(d);
    });
    server.on('data', (d: Buffer) => {
      // The phone forgot this connection: its kernel answers the server with a reset.
      if (ghost && !this.partitioned) return void server.resetAndDestroy();
      if (!this.partitioned && !phone.destroyed) phone.write(d);
    });
    phone.on('end', () => (this.partitioned ? (ghost = true) : server.end()));
    phone.on('close', () => {
      if (this.partitioned) ghost = true;
      else if (!ghost) server.destroy();
    });
    server.on('close', () => phone.destroy());
    for (const s of [phone, server]) s.on('error', () => s.destroy());
  }

  partition(): void {
    this.partitioned = true;
  }

  heal(): void {
    this.partitioned = false;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
  }
}

async function partitionedPush(policy: 'reject' | 'kick') {
  const server = await new MediaServer().start();
  const hole = await new BlackHole(server.rtmpPort).start();
  const endpoint = { ...localEndpoint(server), rtmpBase: `rtmp://127.0.0.1:${hole.port}`, describe: 'node-media-server behind a black hole' };
  const rig = createRig({ media: { server: endpoint, publishTaken: policy }, miniprogramRoot: root });
  const dispose = async (): Promise<void> => {
    await rig.dispose();
    await hole.stop();
    await server.stop();
  };
  try {
    const page = await rig.loadPage('pages/push/push');
    await rig.advanceUntil(() => page.data.status === 'pushing', '15s');
    await rig.advance('2s');
    const at = rig.now();
    hole.partition();
    // Long enough for the pusher to time out (readWriteTimeoutMs, 8 s) and try once into the black hole.
    await rig.advance('13s');
    hole.heal();
    return { rig, page, at, [Symbol.asyncDispose]: dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

const serverEvents = (rig: { timeline: { entries: readonly { source: string; detail?: unknown }[] } }, event: string) =>
  rig.timeline.entries.filter((e) => e.source === 'server' && (e.detail as { event?: string }).event === event).map((e) => e.detail as Record<string, unknown>);

it('rejects the reconnect as "already publishing" while the ghost holds the key, until the pusher gives up', async () => {
  await using s = await partitionedPush('reject');
  const { rig, page } = s;
  await rig.advanceUntil(() => rig.timeline.entries.some((e) => e.code === -1307), '20s');
  const taken = serverEvents(rig, 'publish-taken');
  const codes = rig.timeline.entries.filter((e) => e.source === 'pusher#pusher' && e.kind === 'statechange' && e.t >= s.at).map((e) => e.code);
  console.log(`after the partition: ${codes.join(' ')}; server: ${JSON.stringify(taken)}`);
  // The partition: nothing is acknowledged, so the send queue backs up (1101 at most) until the read/write timeout (3005), then reconnects.
  const timedOut = codes.indexOf(3005);
  expect(timedOut).toBeGreaterThanOrEqual(0);
  expect(codes.slice(0, timedOut).every((c) => c === 1101)).toBe(true);
  expect(codes[timedOut + 1]).toBe(1102);
  // Each reconnect after the partition reaches the server, which refuses it because of the ghost; the pusher hears 3004.
  expect(taken.length).toBeGreaterThanOrEqual(1);
  expect(taken[0]).toMatchObject({ key: 'live/demo', policy: 'reject', why: 'already publishing' });
  expect(codes).toContain(3004);
  expect(codes.at(-1)).toBe(-1307);
  // The ghost was never unpublished: the key stayed taken all along.
  expect(serverEvents(rig, 'unpublish')).toEqual([]);
  expect(['restarting', 'failed']).toContain(page.data.status);
}, 90_000);

it('kicks the ghost when the server is told to, and the reconnect publishes', async () => {
  await using s = await partitionedPush('kick');
  const { rig, page } = s;
  await rig.advanceUntil(() => page.data.status === 'pushing', '20s');
  const taken = serverEvents(rig, 'publish-taken');
  expect(taken[0]).toMatchObject({ key: 'live/demo', policy: 'kick', why: 'already publishing' });
  // On the server: the ghost's unpublish, then the newcomer's publish.
  const server = rig.timeline.entries.filter((e) => e.source === 'server' && e.t >= s.at).map((e) => (e.detail as { event: string }).event);
  expect(server).toEqual(expect.arrayContaining(['publish-taken', 'unpublish', 'publish']));
  expect(server.indexOf('unpublish')).toBeLessThan(server.lastIndexOf('publish'));
  const codes = rig.timeline.entries.filter((e) => e.source === 'pusher#pusher' && e.kind === 'statechange' && e.t >= s.at).map((e) => e.code);
  expect(codes).not.toContain(-1307);
  expect(codes.at(-1)).toBe(1002);
}, 90_000);
