import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'play happy path in live mode',
  description: 'A viewer opens an HTTP-FLV live stream: connect, stream begin, first key frame, play begin; latency stays inside min-cache/max-cache (1–3 s).',
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }] },
  duration: '30s',
  timeline: [{ at: '3s', expect: { data: { status: 'playing' }, text: { '#status': 'playing', '#spinner': null } } }],
  expect: {
    sequence: [
      'player#player 2001',
      'player#player 2002',
      'player#player 2003',
      'player#player 2004 within 3s',
      { source: 'page', kind: 'setData', where: (d) => d.status === 'playing' },
    ],
    never: ['player#player 2007', 'player#player 2103', -2301],
    every: [
      // min-cache 1 s, max-cache 3 s, plus at most a wifi one-way delay.
      {
        source: 'player#player',
        kind: 'metric',
        metric: 'latency',
        where: (d) => d.ms >= 1000 && d.ms <= 3100,
        describe: 'latency within 1–3 s (+100 ms network)',
      },
      {
        source: 'player#player',
        kind: 'netstatus',
        from: '3s',
        where: (i) => i.videoCache >= 1000 && i.videoFPS > 0 && i.videoBitrate > 0,
        describe: 'cache ≥ min-cache and video flowing',
      },
    ],
    metrics: { 'player#player': { firstFrameMs: { max: 3000 }, latencyP95Ms: { min: 1000, max: 3100 } } },
    page: { data: { status: 'playing', reconnects: 0 } },
  },
});
