import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'a live-player mode change needs stop() and play()',
  description: 'Switching mode from live to RTC with setData keeps live latency; after stop()+play() latency drops under 500 ms.',
  setup: {
    page: 'pages/play/play',
    query: { src: encodeURIComponent('rtmp://1234.liveplay.myqcloud.com/live/demo?txSecret=sig&txTime=FFFFFFFF') },
    streams: [{ key: 'live/demo' }],
  },
  duration: '30s',
  timeline: [
    { at: '8s', do: { setData: { mode: 'RTC' } } },
    { at: '15s', do: { page: 'switchMode', args: ['RTC'] } },
  ],
  expect: {
    sequence: [
      'player#player 2004',
      { source: 'player#player', kind: 'call', where: (d) => d.method === 'stop', after: '6s' },
      { source: 'player#player', kind: 'call', where: (d) => d.method === 'play' },
      'player#player 2004 within 2s',
    ],
    every: [
      {
        source: 'player#player',
        kind: 'metric',
        metric: 'latency',
        from: '3s',
        until: '15s',
        where: (d) => d.ms >= 1000,
        describe: 'live-mode latency (≥ min-cache) until stop()+play()',
      },
      { source: 'player#player', kind: 'metric', metric: 'latency', from: '18s', where: (d) => d.ms < 500, describe: 'RTC latency after' },
    ],
  },
});
