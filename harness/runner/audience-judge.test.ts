import { Histogram, type AudienceSummary } from '../audience';
import { judgeAudience } from './audience-judge';
import { renderFailure } from './render-failure';

const hist = (...values: number[]) => values.reduce((h, v) => h.add(v), new Histogram()).toJSON();
const figures = (latency: number[]) => ({ latencyMs: hist(...latency), firstFrameMs: hist(300), stallMs: hist(), rateKbps: hist(900) });

const summary: AudienceSummary = {
  id: 'crowd',
  stream: 'live/a',
  protocol: 'http-flv',
  viewers: 10,
  joined: 10,
  left: 0,
  stalledViewers: 1,
  histograms: figures([100, 110, 120, 600, 610]),
  series: [],
  groups: [
    { name: 'healthy', viewers: 9, joined: 9, left: 0, stalledViewers: 0, histograms: figures([100, 110, 120]) },
    { name: '3g', viewers: 1, joined: 1, left: 0, stalledViewers: 1, histograms: figures([600, 610]) },
  ],
};

describe('judgeAudience', () => {
  it('judges a percentile of the whole audience, or of one path', () => {
    const whole = judgeAudience([summary], { latencyMs: { p95: { max: 500 } } }, 'expect.audience[0]');
    expect(whole.map((r) => [r.path, r.pass, r.observed.value])).toEqual([['expect.audience[0].latencyMs.p95', false, 610]]);
    expect(renderFailure(whole[0], [])).toBe('audience#crowd latencyMs p95 = 610, above 500');
    const healthy = judgeAudience([summary], { of: 'healthy', latencyMs: { p95: { max: 500 } }, stalledViewers: { max: 0 } }, 'expect.audience[1]');
    expect(healthy.every((r) => r.pass)).toBe(true);
  });

  it('fails an audience or a path that was never there, and a distribution with no samples', () => {
    const none = judgeAudience([summary], { id: 'other', joined: { min: 1 } }, 'expect.audience[0]');
    expect(none.map((r) => r.pass)).toEqual([false]);
    expect(renderFailure(none[0], [])).toBe('audience#other: the scenario ran no such audience');
    const path = judgeAudience([summary], { of: 'wifi', joined: { min: 1 } }, 'expect.audience[0]');
    expect(renderFailure(path[0], [])).toBe('audience#crowd (wifi): no such path in the audience');
    const empty = judgeAudience([summary], { stallMs: { max: { max: 1000 } } }, 'expect.audience[0]');
    expect(renderFailure(empty[0], [])).toBe('audience#crowd stallMs max: no samples');
  });

  it('counts viewers: joined, left and stalled', () => {
    const r = judgeAudience([summary], { joined: { min: 10 }, left: { max: 0 }, stalledViewers: { max: 0 } }, 'expect.audience[0]');
    expect(r.map((x) => [x.expected.figure, x.pass])).toEqual([
      ['joined', true],
      ['left', true],
      ['stalledViewers', false],
    ]);
  });
});
