import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'RTC play keeps latency low and ignores the caches',
  description: 'In RTC mode with a signed URL the player ignores min-cache/max-cache and stays under 500 ms end to end.',
  setup: {
    page: 'pages/play/play',
    query: { mode: 'RTC', src: encodeURIComponent('rtmp://1234.liveplay.myqcloud.com/live/demo?txSecret=sig&txTime=FFFFFFFF') },
    streams: [{ key: 'live/demo' }],
  },
  duration: '30s',
  timeline: [{ at: '5s', do: { setData: { minCache: 3, maxCache: 5 } } }],
  expect: {
    sequence: ['player#player 2001', 'player#player 2004 within 2s'],
    never: [-2302, 'player#player 2007'],
    every: [
      {
        source: 'player#player',
        kind: 'metric',
        metric: 'latency',
        from: '3s',
        where: (d) => d.ms < 500,
        describe: 'latency under 500 ms, even with min-cache 3 s',
      },
    ],
    metrics: { 'player#player': { latencyP95Ms: { max: 500 } } },
    page: { data: { status: 'playing' } },
  },
});
