/**
 * The rules pusher and player share (participant.ts), each checked on both
 * models: the same rule must hold whichever component a page uses.
 */
import { PlayCode, PushCode } from '../codes';
import type { StreamInfo } from '../link';
import { ModelKit } from '../testing';
import type { ModelParams } from './params';

const PUSH = 'rtmp://1234.livepush.myqcloud.com/live/demo?txSecret=s&txTime=FFFFFFFF';
const FLV = 'http://1234.liveplay.myqcloud.com/live/demo.flv';
const ANCHOR: StreamInfo = { hasVideo: true, hasAudio: true, videoKbps: 900, audioKbps: 64, fps: 15, gopSeconds: 2, width: 540, height: 960 };

interface Subject {
  readonly name: 'pusher' | 'player';
  /** its code table: the shared codes are named alike in both */
  readonly codes: typeof PushCode | typeof PlayCode;
  /** the status of media flowing (1002 / 2004) */
  readonly going: number;
  readonly insertOnly: { readonly attr: string; readonly set: Record<string, unknown>; readonly remedy: string };
  /** the paired bounds: a change to `moved` that inverts them */
  readonly pair: { readonly moved: Record<string, unknown>; readonly warnedOn: string };
  /** inserted and running: pushing or playing */
  begin(kit: ModelKit): { call(method: string): unknown; update(raw: Record<string, unknown>): void };
}

const SUBJECTS: Subject[] = [
  {
    name: 'pusher',
    codes: PushCode,
    going: PushCode.PUSH_BEGIN,
    insertOnly: { attr: 'autopush', set: { autopush: true }, remedy: 'Set it before the element is rendered.' },
    pair: { moved: { maxBitrate: 100 }, warnedOn: 'min-bitrate' },
    begin: (kit) => {
      const p = kit.pusher('it');
      p.insert({ url: PUSH, minBitrate: 200, maxBitrate: 1000 });
      p.call('start');
      return p;
    },
  },
  {
    name: 'player',
    codes: PlayCode,
    going: PlayCode.RTMP_STREAM_BEGIN,
    insertOnly: { attr: 'autoplay', set: { autoplay: false }, remedy: 'Call play() instead.' },
    pair: { moved: { minCache: 5 }, warnedOn: 'max-cache' },
    begin: (kit) => {
      kit.link.publishRemote('live/demo', ANCHOR);
      const v = kit.player('it');
      v.insert({ src: FLV, autoplay: true, minCache: 1, maxCache: 3 });
      return v;
    },
  },
];

const source = (s: Subject): string => `${s.name}#it`;

function running(s: Subject, params?: Partial<ModelParams>) {
  const kit = new ModelKit({ params });
  const m = s.begin(kit);
  kit.advance(5000);
  expect(kit.codes(source(s))).toContain(s.going);
  return { kit, m };
}

/** A network loss that lasts: how many attempts the model made from the cut on, and its last code. */
function outage(kit: ModelKit, s: Subject): { retries: number; last: number } {
  const n = kit.codes(source(s)).length;
  kit.link.cut();
  kit.advance(60_000);
  const after = kit.codes(source(s)).slice(n);
  return { retries: after.filter((c) => c === s.codes.WARNING_RECONNECT).length, last: after[after.length - 1] };
}

describe.each(SUBJECTS)('the shared participant rules on the $name', (s) => {
  it('gives up after reconnectAttempts attempts, a model parameter, with its own code last', () => {
    const { kit } = running(s, { reconnectAttempts: 1 });
    expect(outage(kit, s)).toEqual({ retries: 1, last: s.codes.ERR_NET_DISCONNECT });
  });

  it('counts the attempts afresh once a connection got going again', () => {
    const { kit } = running(s);
    kit.link.cut();
    kit.advance(4000);
    kit.link.restore();
    kit.advance(10_000);
    expect(kit.codes(source(s)).filter((c) => c === s.going)).toHaveLength(2);
    expect(outage(kit, s)).toEqual({ retries: 3, last: s.codes.ERR_NET_DISCONNECT });
  });

  it('leaves no reconnect attempt behind when stopped while waiting for one', () => {
    const { kit, m } = running(s);
    kit.link.cut();
    while (!kit.codes(source(s)).includes(s.codes.WARNING_RECONNECT)) kit.advance(10);
    m.call('stop');
    kit.link.restore();
    const n = kit.events.filter((e) => e.source === source(s)).length;
    kit.advance(30_000);
    expect(kit.events.filter((e) => e.source === source(s) && e.type === 'statechange').length).toBe(
      kit.events.slice(0, n).filter((e) => e.source === source(s) && e.type === 'statechange').length,
    );
    expect(kit.of('netstatus', source(s)).every((e) => e.t <= kit.events[n - 1].t + 1000)).toBe(true);
  });

  it('ignores a change of an insert-only attribute and names the remedy', () => {
    const { kit, m } = running(s);
    m.update(s.insertOnly.set);
    expect(kit.warnings).toHaveLength(1);
    expect(kit.warnings[0]).toContain(`<live-${s.name} id=`);
    expect(kit.warnings[0]).toContain(
      `${s.insertOnly.attr} changed to ${JSON.stringify(Object.values(s.insertOnly.set)[0])} after insert; the real component ignores it.`,
    );
    expect(kit.warnings[0].endsWith(s.insertOnly.remedy)).toBe(true);
  });

  it('warns about inverted bounds whichever side moved', () => {
    const { kit, m } = running(s);
    m.update(s.pair.moved);
    expect(kit.warnings).toHaveLength(1);
    expect(kit.warnings[0]).toContain(` ${s.pair.warnedOn}=`);
  });
});
