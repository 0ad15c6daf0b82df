/**
 * The "already publishing" quirk on the embedded server: after a silent
 * partition the server still holds the phone's old publish session, and the
 * phone's reconnect meets it. The old session here is a real one that went
 * silent (its socket open, nothing sent), as a ghost behind a black hole is.
 * The server's policy decides: reject the newcomer, or kick the ghost.
 */
import type { WireEnd, WireFrame, WirePublisher } from '../../mocks/link';
import { MediaServer, type ServerEvent, type StartedMediaServer } from './media-server';
import { LocalMediaTransport } from './media-transport';
import { localEndpoint } from './server-endpoint';
import { PRESETS } from './synthetic-source';

let server: StartedMediaServer;
const events: ServerEvent[] = [];
beforeAll(async () => {
  server = await new MediaServer().start();
  server.onEvent((e) => events.push(e));
});
afterAll(async () => {
  await server?.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
let n = 0;

interface Outcome {
  readonly wire: WirePublisher;
  readonly result: Promise<'publishing' | `rejected:${string}` | `ended:${WireEnd}`>;
  readonly ended: Promise<WireEnd>;
}

function publish(t: LocalMediaTransport, capture: Parameters<LocalMediaTransport['publish']>[1]): Outcome {
  let settle!: (r: 'publishing' | `rejected:${string}` | `ended:${WireEnd}`) => void;
  let end!: (how: WireEnd) => void;
  const result = new Promise<'publishing' | `rejected:${string}` | `ended:${WireEnd}`>((r) => (settle = r));
  const ended = new Promise<WireEnd>((r) => (end = r));
  const wire = t.publish({ protocol: 'rtmp', key: 'live/ghost', query: {}, connectTimeoutMs: 5000 }, capture, {
    onPublishing: () => settle('publishing'),
    onRejected: (why) => settle(`rejected:${why}`),
    onEnd: (how) => {
      settle(`ended:${how}`);
      end(how);
    },
  });
  return { wire, result, ended };
}

async function twoPhonesOneKey(policy: 'reject' | 'kick') {
  const namespace = `pt${++n}${process.pid}`;
  const endpoint = localEndpoint(server);
  const ghostSide = new LocalMediaTransport({ endpoint, namespace });
  const phone = new LocalMediaTransport({ endpoint, namespace, publishTaken: policy });
  const viewer = new LocalMediaTransport({ endpoint, namespace });
  const path = phone.streamPath('live/ghost');
  const capture = await ghostSide.startCapture({ ...PRESETS.QVGA, gopSeconds: 1 });
  const ghost = publish(ghostSide, capture);
  expect(await ghost.result).toBe('publishing');
  const frames: WireFrame[] = [];
  viewer.play({ protocol: 'rtmp', key: 'live/ghost', query: {}, connectTimeoutMs: 5000 }, { onFrame: (f) => frames.push(f) });
  await sleep(1500);
  // The partition: the old session's socket stays open and nothing more reaches the server.
  ghost.wire.output({ video: false, audio: false, keyFramesOnly: false });
  await sleep(500);
  const since = events.length;
  const reconnectAt = Date.now();
  const phoneCapture = await phone.startCapture({ ...PRESETS.QVGA, gopSeconds: 1 });
  const reconnect = publish(phone, phoneCapture);
  const outcome = await reconnect.result;
  await sleep(2000);
  const after = events.slice(since).filter((e) => e.streamPath === path);
  return {
    outcome,
    after,
    reconnectAt,
    frames,
    ghost,
    async dispose() {
      await Promise.all([ghostSide.dispose(), phone.dispose(), viewer.dispose()]);
    },
  };
}

describe('a publish to a key a silent session still holds', () => {
  it('is rejected as "already publishing" by default, with the status sent before the close, and the server says so', async () => {
    const r = await twoPhonesOneKey('reject');
    try {
      expect(r.outcome).toBe('rejected:NetStream.Publish.BadName');
      const taken = r.after.find((e) => e.event === 'publishTaken');
      expect(taken).toMatchObject({ policy: 'reject' });
      // The ghost keeps the key: no unpublish, no second publish.
      expect(r.after.map((e) => e.event)).not.toContain('donePublish');
      expect(r.after.map((e) => e.event)).not.toContain('postPublish');
    } finally {
      await r.dispose();
    }
  }, 30_000);

  it('kicks the old session when the policy says so: the newcomer publishes and the viewer gets its frames', async () => {
    const r = await twoPhonesOneKey('kick');
    try {
      expect(r.outcome).toBe('publishing');
      expect(r.after.map((e) => e.event)).toEqual(expect.arrayContaining(['publishTaken', 'donePublish', 'postPublish']));
      const order = r.after.map((e) => e.event).filter((e) => ['publishTaken', 'donePublish', 'postPublish'].includes(e));
      expect(order).toEqual(['publishTaken', 'donePublish', 'postPublish']);
      expect(r.after.find((e) => e.event === 'publishTaken')).toMatchObject({ policy: 'kick' });
      // The ghost's socket is closed by the server (a hang-up, not a network failure).
      expect(await r.ghost.ended).toBe('closed');
      // The viewer, held as an idle player, plays the newcomer's stream.
      const keys = r.frames.filter((f) => f.kind === 'video' && f.keyFrame && f.arrivalWallMs > r.reconnectAt);
      expect(keys.length).toBeGreaterThanOrEqual(1);
    } finally {
      await r.dispose();
    }
  }, 30_000);
});
