/**
 * Parity of the two clocks: every fault of the vocabulary, applied to the
 * same page in virtual time and on real media (the embedded server, ffmpeg,
 * real sockets), must leave the same WeChat codes. Where real media cannot
 * make a fault real yet, the verb is in KNOWN_MEDIA_GAPS; that list is
 * printed, and it may only shrink: a listed verb that media now does fails
 * the test until it comes off the list, and a verb refused on media that is
 * not listed fails it too.
 *
 * The page is the sample's studio: a pusher (RTMP) and a monitor player
 * (HTTP-FLV) watching the pusher's own stream, so each fault reaches both
 * kinds of participant. The comparison, per participant, is of the
 * statechange codes after the fault, with two things taken out because
 * they follow the machine, not the fault:
 * - quality warnings (QUALITY_CODES: net busy, bitrate and resolution
 *   changes, loading, lag, data arriving unsteadily, frames discontinuous):
 *   they follow throughput and CPU, which real time on a loaded machine does
 *   not share with virtual time, and no fault is reported through them (a
 *   stall or a shaped link shows in them on both clocks, in amounts that
 *   depend on where a 1 s judging window falls against real frames);
 * - consecutive repeats of one code, which cadence can add.
 * What is left is the story of the fault: the failure code, each reconnect
 * warning, the give-up code, and the codes of getting back on air.
 *
 * Both rigs reconnect after 1 s (short stories in real time) and hold a play
 * request for a key not yet published (missingStream: 'wait'): after a
 * phone-wide fault the pusher and its monitor reconnect at the same moment,
 * and which reaches the server first is a race of real time, not part of
 * the fault.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  FAULT_VERBS,
  HostMap,
  MediaLink,
  MediaUnsupportedError,
  parseStreamUrl,
  VirtualLink,
  type ConnectFailure,
  type CloseReason,
  type Fault,
  type FaultVerb,
  type Link,
  type PlayObserver,
  type StreamTarget,
} from '../../mocks/link';
import { RealClock, Random, VirtualClock } from '../../mocks/time';
import { freePort, LocalMediaTransport, stopSharedMediaServer } from '../media';
import type { TimelineEntry } from '../record';
import { createRig, type Rig } from './rig';

/** Verbs real media cannot do yet. The fault proxy made every one real; this list stays empty. */
const KNOWN_MEDIA_GAPS: readonly FaultVerb[] = [];

/** Codes that report the quality of a stream, not a fault (see the top of the file). */
const QUALITY_CODES = new Set([1101, 1005, 1006, 2007, 2009, 2104, 2105, 2107]);

/**
 * Each verb's story: the faults applied at once. A verb that only shows on
 * new connections (failDns, refuse, failHandshake) is followed by a reset so
 * that there are some; restore follows a cut.
 */
const STORIES: { readonly [V in FaultVerb]: readonly Fault[] } = {
  cut: [{ fault: 'cut' }],
  restore: [{ fault: 'cut' }, { fault: 'restore' }],
  stall: [{ fault: 'stall', forMs: 3000 }],
  // Shorter than the read/write timeout: nothing is given up, so there is no ghost (the partition scenarios show one).
  partition: [{ fault: 'partition', forMs: 3000 }],
  refuse: [{ fault: 'refuse' }, { fault: 'reset' }],
  failDns: [{ fault: 'failDns' }, { fault: 'reset' }],
  failHandshake: [{ fault: 'failHandshake' }, { fault: 'reset' }],
  serverClose: [{ fault: 'serverClose' }],
  reset: [{ fault: 'reset' }],
  shape: [{ fault: 'shape', upKbps: 200 }],
  useProfile: [{ fault: 'useProfile', profile: 'weak' }],
};

const PARTICIPANTS = ['pusher#pusher', 'player#monitor'] as const;
type Codes = Record<(typeof PARTICIPANTS)[number], number[]>;

const root = join(__dirname, '../../fixtures/miniprogram');
const options = { miniprogramRoot: root, params: { reconnectIntervalMs: 1000 }, missingStream: 'wait' as const };

function fair(entries: readonly TimelineEntry[]): Codes {
  const out = {} as Codes;
  for (const p of PARTICIPANTS) {
    const codes = entries.filter((e) => e.source === p && e.kind === 'statechange' && !QUALITY_CODES.has(e.code as number)).map((e) => e.code as number);
    out[p] = codes.filter((c, i) => i === 0 || c !== codes[i - 1]);
  }
  return out;
}

/** Load the studio, wait until the monitor plays, apply the story; the codes seen after it. */
async function onAir(rig: Rig): Promise<number> {
  const page = await rig.loadPage('pages/studio/studio');
  await rig.advanceUntil(() => page.data.playStatus === 'playing', '20s');
  // The first-frame codes (2003, 2008, 2004, 2032) land together; let them all come.
  await rig.advance('1s');
  return rig.timeline.entries.length;
}

const virtualCodes = new Map<FaultVerb, Codes>();
const mediaCodes = new Map<FaultVerb, Codes | 'gap'>();

afterAll(async () => {
  // The worker's server would outlive this file, and its media folder the process.
  await stopSharedMediaServer();
  const show = (c: Codes | 'gap' | undefined): string =>
    c === undefined ? '(not run)' : c === 'gap' ? 'refused (known gap)' : PARTICIPANTS.map((p) => `${p.split('#')[0]} ${c[p].join(' ') || '—'}`).join(' | ');
  console.log(
    [
      `KNOWN_MEDIA_GAPS: ${KNOWN_MEDIA_GAPS.join(', ')}`,
      ...FAULT_VERBS.map((v) => `${v}\n  virtual: ${show(virtualCodes.get(v))}\n  media:   ${show(mediaCodes.get(v))}`),
    ].join('\n'),
  );
});

describe('every fault on both clocks', () => {
  it('has a story for every verb, and the media link owns up to exactly the known gaps', async () => {
    expect(Object.keys(STORIES).sort()).toEqual([...FAULT_VERBS].sort());
    await using rig = createRig({ ...options, media: 'local' });
    expect([...rig.network.knownGaps()].sort()).toEqual([...KNOWN_MEDIA_GAPS].sort());
  });

  for (const verb of FAULT_VERBS) {
    it(`${verb}: the same codes on real media as in virtual time, or a known gap`, async () => {
      const story = STORIES[verb];
      {
        await using rig = createRig(options);
        const mark = await onAir(rig);
        for (const f of story) rig.network.apply(f);
        await rig.advance('8s');
        virtualCodes.set(verb, fair(rig.timeline.entries.slice(mark)));
      }
      const virtual = virtualCodes.get(verb) as Codes;
      // The fault reaches the page in virtual time, whatever media does with it.
      expect(virtual['pusher#pusher'].length + virtual['player#monitor'].length).toBeGreaterThan(0);

      if (KNOWN_MEDIA_GAPS.includes(verb)) {
        // A rig with nothing running is enough to learn whether media refuses the verb.
        await using rig = createRig({ ...options, media: 'local' });
        const fault = story.find((f) => f.fault === verb) as Fault;
        let refused: unknown;
        try {
          rig.network.apply(fault);
        } catch (e) {
          refused = e;
        }
        if (!(refused instanceof MediaUnsupportedError))
          throw new Error(`${verb} now works on real media (${String(refused ?? 'no error')}): take it off KNOWN_MEDIA_GAPS, so that its codes are compared.`);
        mediaCodes.set(verb, 'gap');
        return;
      }

      await using rig = createRig({ ...options, media: 'local' });
      const mark = await onAir(rig);
      for (const f of story) {
        try {
          rig.network.apply(f);
        } catch (e) {
          if (e instanceof MediaUnsupportedError)
            throw new Error(`${f.fault} is refused on real media but is not in KNOWN_MEDIA_GAPS: ${e.message}`, { cause: e });
          throw e;
        }
      }
      // Real time runs at the machine's pace: wait until each participant has told as much of its story as
      // virtual time did (or 20 s), then a little longer, so that a code media adds is seen too.
      const seen = (): Codes => fair(rig.timeline.entries.slice(mark));
      await rig
        .advanceUntil(() => PARTICIPANTS.every((p) => seen()[p].length >= virtual[p].length), '20s')
        .catch(() => undefined /* the comparison below shows what is missing */);
      await rig.advance('1.5s');
      mediaCodes.set(verb, seen());
      expect(seen()).toEqual(virtual);
    }, 90_000);
  }
});

/**
 * The in-flight half of "cut": a connect attempt that is on its way when the
 * network goes. Real sockets to a listener that accepts and never answers
 * hold an attempt in flight as long as needed; virtual time holds it by not
 * advancing.
 */
describe('a connect in flight when the network is cut', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();
  let accepted: () => void = () => undefined;

  beforeAll(async () => {
    port = await freePort('127.0.0.1');
    server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      accepted();
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  type Fact = 'connected' | 'stream-begin' | `failed:${ConnectFailure}` | `closed:${CloseReason}`;
  const watch = (link: Link, url: string): Fact[] => {
    const facts: Fact[] = [];
    const observer: PlayObserver = {
      onConnected: () => facts.push('connected'),
      onStreamBegin: () => facts.push('stream-begin'),
      onFailed: (f) => facts.push(`failed:${f}`),
      onClosed: (r) => facts.push(`closed:${r}`),
    };
    link.play(parseStreamUrl(url) as StreamTarget, observer);
    return facts;
  };
  /** Poll real time for a condition, for at most 5 s (then the expectation after it shows what is missing). */
  const until = async (pred: () => boolean): Promise<void> => {
    for (let waited = 0; !pred() && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  };
  const RTMP = 'rtmp://1234.liveplay.myqcloud.com/live/inflight';
  const FLV = 'http://1234.liveplay.myqcloud.com/live/inflight.flv';

  it.each([
    ['RTMP, before its handshake is answered', RTMP, [] as Fact[]],
    ['HTTP-FLV, connected but before its response', FLV, ['connected'] as Fact[]],
  ])('fails the same on both clocks: %s', async (_what, url, before) => {
    const clock = new VirtualClock();
    const virtual = new VirtualLink({ clock, random: new Random(1).fork('network'), connectTimeoutMs: 3000, readWriteTimeoutMs: 8000 });
    const v = watch(virtual, url);
    while (v.length < before.length) clock.advance(1);
    virtual.apply({ fault: 'cut' });
    clock.advance(10_000);
    virtual.dispose();

    const real = new RealClock();
    const transport = new LocalMediaTransport({
      endpoint: { rtmpBase: `rtmp://127.0.0.1:${port}`, flvBase: `http://127.0.0.1:${port}`, describe: 'a server that never answers' },
      namespace: 'inflight',
      missingStream: 'not-found',
    });
    const media = new MediaLink({ clock: real, transport, hosts: new HostMap(), connectTimeoutMs: 3000, readWriteTimeoutMs: 8000 });
    try {
      const reached = new Promise<void>((resolve) => (accepted = resolve));
      const m = watch(media, url);
      await reached;
      // The server holds the socket; over HTTP the client counts as connected once it sees its connect complete.
      await until(() => m.length >= before.length);
      expect(m).toEqual(before);
      media.apply({ fault: 'cut' });
      await until(() => m.length > before.length);
      expect({ virtual: v, media: m }).toEqual({ virtual: [...before, 'failed:refused'], media: [...before, 'failed:refused'] });
    } finally {
      media.dispose();
      real.clearAll();
      await transport.dispose();
    }
  });
});
