/**
 * The virtual link on its own: a VirtualClock, a seeded Random, and
 * observers that write down the link facts — no model, no page. Each fault
 * must give the fact real sockets give (see harness/media/media-link.test.ts),
 * and a timed fault must end when it says, and only then.
 */
import { Random, VirtualClock } from '../../time';
import { FAULT_VERBS, FAULTS, type Fault, type FaultVerb } from '../faults';
import { parseStreamUrl } from '../target';
import type { CloseReason, ConnectFailure, StreamInfo, StreamTarget } from '../types';
import { VirtualLink } from './virtual-link';
import type { NetworkProfile } from './network-profile';

type Fact = 'connected' | 'publishing' | 'stream-begin' | `failed:${ConnectFailure}` | `closed:${CloseReason}`;

const PUSH = 'rtmp://1234.livepush.myqcloud.com/live/a?txSecret=x';
const FLV = 'http://1234.liveplay.myqcloud.com/live/a.flv';
const target = (url: string): StreamTarget => parseStreamUrl(url) as StreamTarget;
const info: StreamInfo = { hasVideo: true, hasAudio: true, videoKbps: 800, audioKbps: 64, fps: 15, gopSeconds: 2, width: 540, height: 960 };

function kit(profile: NetworkProfile | string = 'wifi', seed = 1) {
  const clock = new VirtualClock();
  const notes: string[] = [];
  const details: Array<Record<string, unknown>> = [];
  const link = new VirtualLink({
    clock,
    random: new Random(seed).fork('network'),
    connectTimeoutMs: 3000,
    readWriteTimeoutMs: 8000,
    profile,
    onIncident: (kind, detail) => {
      notes.push(kind);
      details.push({ action: kind, ...detail });
    },
  });
  const facts: Fact[] = [];
  const publish = () =>
    link.publish(target(PUSH), {
      onConnected: () => facts.push('connected'),
      onPublishing: () => facts.push('publishing'),
      onFailed: (f) => facts.push(`failed:${f}`),
      onClosed: (r) => facts.push(`closed:${r}`),
    });
  const play = (url = FLV) =>
    link.play(target(url), {
      onConnected: () => facts.push('connected'),
      onStreamBegin: () => facts.push('stream-begin'),
      onFailed: (f) => facts.push(`failed:${f}`),
      onClosed: (r) => facts.push(`closed:${r}`),
    });
  /** Advance in 100 ms steps, feeding a publisher (if any) as the model's ticks would. */
  const advance = (ms: number, conn?: { send(dtMs: number, i: StreamInfo): unknown }) => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      conn?.send(100, info);
    }
  };
  return { clock, link, notes, details, facts, publish, play, advance };
}

describe('VirtualLink', () => {
  describe('a connect attempt in flight when the network breaks', () => {
    it('fails a publish still connecting as refused when the network is cut, as real sockets do', () => {
      const k = kit();
      const conn = k.publish();
      k.link.cut();
      k.advance(10_000, conn);
      expect(k.facts).toEqual(['failed:refused']);
    });

    it('fails a publish that is connected but not yet publishing as refused, not as a reset of a stream', () => {
      const k = kit();
      const conn = k.publish();
      while (!k.facts.includes('connected')) k.clock.advance(1);
      k.link.cut();
      k.advance(10_000, conn);
      expect(k.facts).toEqual(['connected', 'failed:refused']);
    });

    it('fails a play still connecting as refused, and one held open for a missing stream too', () => {
      const k = kit();
      k.play();
      k.link.cut();
      k.advance(5000);
      expect(k.facts).toEqual(['failed:refused']);

      const held = new VirtualLink({ ...k.link.opts, missingStream: 'wait' });
      const facts: Fact[] = [];
      held.play(target(FLV), {
        onConnected: () => facts.push('connected'),
        onStreamBegin: () => facts.push('stream-begin'),
        onFailed: (f) => facts.push(`failed:${f}`),
        onClosed: (r) => facts.push(`closed:${r}`),
      });
      k.clock.advance(2000);
      held.reset();
      k.clock.advance(2000);
      expect(facts).toEqual(['connected', 'failed:refused']);
    });

    it('still closes an established stream with a reset', () => {
      const k = kit();
      const conn = k.publish();
      k.advance(1000, conn);
      k.link.cut();
      k.advance(1000, conn);
      k.link.reset();
      expect(k.facts).toEqual(['connected', 'publishing', 'closed:reset']);
    });

    it('fails a connect in flight as refused on a reset, and leaves other keys alone', () => {
      const k = kit();
      k.publish();
      k.link.reset('live/other');
      k.link.reset('live/a');
      k.advance(2000);
      expect(k.facts).toEqual(['failed:refused']);
    });
  });

  describe('a server that hangs up', () => {
    it('closes RTMP sessions, and merely ends HTTP-FLV responses, as the media link hears them', () => {
      const k = kit();
      const conn = k.publish();
      k.advance(1000, conn);
      const flv: Fact[] = [];
      const rtmp: Fact[] = [];
      for (const [url, facts] of [
        [FLV, flv],
        ['rtmp://1234.liveplay.myqcloud.com/live/a', rtmp],
      ] as const)
        k.link.play(target(url), {
          onConnected: () => facts.push('connected'),
          onStreamBegin: () => facts.push('stream-begin'),
          onFailed: (f) => facts.push(`failed:${f}`),
          onClosed: (r) => facts.push(`closed:${r}`),
        });
      k.advance(1000, conn);
      k.link.serverClose('live/a');
      k.advance(1000, conn);
      expect([k.facts, rtmp, flv]).toEqual([
        ['connected', 'publishing', 'closed:server-close'],
        ['connected', 'stream-begin', 'closed:server-close'],
        ['connected', 'stream-begin', 'closed:eof'],
      ]);
    });
  });

  describe('timed faults', () => {
    it('keeps a stall applied after restore(), whatever an earlier timed stall said', () => {
      const k = kit();
      const conn = k.publish();
      k.advance(1000, conn);
      k.link.stall(5000);
      k.advance(1000, conn);
      k.link.restore();
      k.link.stall();
      k.advance(6000, conn);
      // Still a black hole at 8 s: the first stall's end (due at 6 s) was forgotten by restore().
      expect(conn.send(100, info).sentMediaMs).toBe(0);
      expect(k.notes).toEqual(['stall', 'unstall', 'restore', 'stall']);
    });

    it('lets the latest stall decide when it ends', () => {
      const k = kit();
      k.link.stall(5000);
      k.clock.advance(1000);
      k.link.stall(1000);
      k.clock.advance(1500);
      expect(k.notes).toEqual(['stall', 'stall', 'unstall']);
      expect(k.clock.now()).toBe(2500);
      k.link.stall(1000);
      k.link.stall();
      k.clock.advance(10_000);
      expect(k.notes).toEqual(['stall', 'stall', 'unstall', 'stall', 'stall']);
    });

    it('ends a timed fault alone: a timed cut does not lift a refusal', () => {
      const k = kit();
      k.link.refuse();
      k.link.cut(1000);
      k.clock.advance(1500);
      k.publish();
      k.clock.advance(2000);
      expect(k.facts).toEqual(['failed:refused']);
      expect(k.details).toEqual([{ action: 'refuse' }, { action: 'cut', forMs: 1000 }, { action: 'restore', fault: 'cut' }]);
    });

    it('ends a timed DNS failure of one host without lifting the others', () => {
      const k = kit();
      k.link.failDns('1234.livepush.myqcloud.com', 1000);
      k.link.failDns('1234.liveplay.myqcloud.com');
      k.clock.advance(1000);
      k.publish();
      k.play();
      k.clock.advance(2000);
      expect(k.facts).toEqual(['failed:dns', 'connected', 'publishing']);
    });
  });

  describe('remote anchors', () => {
    it('thaws a frozen anchor even when the network profile changes during the freeze', () => {
      const k = kit();
      k.link.publishRemote('live/a', info);
      k.link.freezeRemote('live/a', 3000);
      k.clock.advance(1000);
      k.link.useProfile('4g');
      k.clock.advance(3000);
      expect(k.notes).toEqual(['remote-publish', 'remote-freeze', 'profile', 'remote-thaw']);
      expect(k.link.server.get('live/a')?.frozenAt).toBeUndefined();
    });
  });

  describe('profiles', () => {
    it('runs incidents in the vocabulary and in the older kinds alike', () => {
      const incidents = [
        { atMs: 1000, fault: 'stall', forMs: 500 },
        { atMs: 2000, kind: 'dns-fail', target: '1234.livepush.myqcloud.com', forMs: 500 },
        { atMs: 3000, kind: 'handshake-fail' },
        { atMs: 4000, fault: 'restore' },
      ] as NetworkProfile['incidents'];
      const k = kit({ name: 'mixed', rttMs: 50, jitterMs: 0, upKbps: 2000, downKbps: 4000, lossPct: 0, incidents });
      k.clock.advance(5000);
      expect(k.details).toEqual([
        { action: 'stall', forMs: 500 },
        { action: 'unstall' },
        { action: 'dns-fail', host: '1234.livepush.myqcloud.com', forMs: 500 },
        { action: 'restore', fault: 'failDns', host: '1234.livepush.myqcloud.com' },
        { action: 'handshake-fail' },
        { action: 'restore' },
      ]);
    });

    it('drops the incidents of a profile left behind, but ends the one under way on time', () => {
      const incidents = [
        { atMs: 1000, fault: 'cut', forMs: 2000 },
        { atMs: 5000, fault: 'refuse' },
      ] as NetworkProfile['incidents'];
      const k = kit({ name: 'elevator', rttMs: 50, jitterMs: 0, upKbps: 2000, downKbps: 4000, lossPct: 0, incidents });
      k.clock.advance(2000);
      k.link.useProfile('wifi');
      k.clock.advance(5000);
      expect(k.notes).toEqual(['cut', 'profile', 'restore']);
      k.publish();
      k.clock.advance(1000);
      expect(k.facts).toEqual(['connected', 'publishing']);
    });
  });

  describe('a silent partition', () => {
    it('keeps a publish the phone gave up on as a ghost that rejects the reconnect, until the server pings it after the partition', () => {
      const k = kit();
      const first = k.publish();
      k.advance(1000, first);
      k.link.partition();
      // Nothing moves: the read/write timeout (8 s) ends the phone's side.
      k.advance(9000, first);
      expect(k.facts).toEqual(['connected', 'publishing', 'closed:timeout']);
      expect(k.notes).toEqual(['partition', 'ghost']);
      expect(k.link.server.isLive('live/a')).toBe(true);
      k.link.restore();
      k.advance(1000, k.publish());
      expect(k.facts.slice(3)).toEqual(['connected', 'failed:rejected']);
      // The server's next ping (30 s after the ghost was made) meets the phone's reset.
      k.advance(30_000);
      expect(k.notes).toEqual(['partition', 'ghost', 'restore', 'ghost-reset']);
      expect(k.link.server.isLive('live/a')).toBe(false);
      k.advance(1000, k.publish());
      expect(k.facts.slice(5)).toEqual(['connected', 'publishing']);
    });

    it('keeps the ghost while the partition lasts, whatever pings come due', () => {
      const k = kit();
      const first = k.publish();
      k.advance(1000, first);
      k.link.partition(60_000);
      k.advance(50_000, first);
      expect(k.link.server.isLive('live/a')).toBe(true);
      k.advance(40_000);
      expect(k.notes).toEqual(['partition', 'ghost', 'restore', 'ghost-reset']);
      expect(k.link.server.isLive('live/a')).toBe(false);
    });

    it('is unlike a stall, whose lifting delivers the phone’s hang-up: the key is free at once', () => {
      const k = kit();
      const first = k.publish();
      k.advance(1000, first);
      k.link.stall();
      k.advance(9000, first);
      k.link.restore();
      k.advance(1000, k.publish());
      expect(k.facts).toEqual(['connected', 'publishing', 'closed:timeout', 'connected', 'publishing']);
    });
  });

  describe('apply()', () => {
    const samples: { [V in FaultVerb]: Fault & { fault: V } } = {
      cut: { fault: 'cut', forMs: 1000 },
      restore: { fault: 'restore' },
      stall: { fault: 'stall' },
      partition: { fault: 'partition', forMs: 5000 },
      refuse: { fault: 'refuse' },
      failDns: { fault: 'failDns', host: 'x.example.com' },
      failHandshake: { fault: 'failHandshake' },
      serverClose: { fault: 'serverClose', target: 'live/a' },
      reset: { fault: 'reset' },
      shape: { fault: 'shape', upKbps: 300 },
      useProfile: { fault: 'useProfile', profile: '3g' },
    };

    it.each(FAULT_VERBS.map((v) => [v]))('makes %s real and records it under its timeline name', (verb) => {
      const k = kit();
      k.link.apply(samples[verb]);
      expect(k.notes[0]).toBe(FAULTS[verb].timeline);
    });

    it('has no known gaps: virtual time can do every fault', () => {
      expect(kit().link.knownGaps()).toEqual([]);
    });

    it('shapes the conditions a fault names and keeps the rest', () => {
      const k = kit('3g');
      k.link.apply({ fault: 'shape', upKbps: 300, lossPct: 0 });
      expect(k.link.profile).toMatchObject({ name: '3g', rttMs: 150, upKbps: 300, downKbps: 1500, lossPct: 0 });
      expect(k.details).toEqual([{ action: 'set', upKbps: 300, lossPct: 0 }]);
    });

    it('says which verbs exist when handed something that is not a fault', () => {
      expect(() => kit().link.apply({ fault: 'melt' } as never)).toThrow(
        '[live-harness] Failed to apply fault "melt": it is not a fault. Use one of cut, restore, stall, partition, refuse, failDns, failHandshake, serverClose, reset, shape, useProfile.',
      );
    });
  });
});
