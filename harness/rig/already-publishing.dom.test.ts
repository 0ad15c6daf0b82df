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
 * The partition is the fault vocabulary's `partition` on the rig's fault
 * proxy: it drops what the phone hangs up meanwhile and keeps the server's
 * side open, and answers the server with a reset the first time it writes to
 * a ghost after the partition (the phone's kernel no longer knows the
 * connection), which node-media-server does at its ping.
 */
import { join } from 'node:path';
import { createRig } from './rig';

const root = join(__dirname, '../../fixtures/miniprogram');

async function partitionedPush(policy: 'reject' | 'kick') {
  const rig = createRig({ media: { publishTaken: policy }, miniprogramRoot: root });
  try {
    const page = await rig.loadPage('pages/push/push');
    await rig.advanceUntil(() => page.data.status === 'pushing', '15s');
    await rig.advance('2s');
    const at = rig.now();
    rig.network.partition();
    // Long enough for the pusher to time out (readWriteTimeoutMs, 8 s) and try once into the partition.
    await rig.advance('13s');
    rig.network.restore();
    return { rig, page, at, [Symbol.asyncDispose]: () => rig.dispose() };
  } catch (e) {
    await rig.dispose();
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
