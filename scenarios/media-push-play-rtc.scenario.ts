import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: push and watch it back in RTC mode',
  description:
    'RTC on both ends with a signed RTMP acceleration URL: the caches are ignored and the latency a viewer really gets stays under half a second (Q11, Q12).',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio', query: { mode: 'RTC' } },
  duration: '15s',
  timeline: [{ at: '5s', expect: { data: { pushStatus: 'pushing', playStatus: 'playing' } } }],
  expect: {
    sequence: ['pusher#pusher 1001', 'pusher#pusher 1002 within 2s', 'player#monitor 2001', 'player#monitor 2002 within 2s', 'player#monitor 2004 within 2s'],
    // A signed URL: no fallback to the CDN (−2302) and no reconnects.
    never: ['player#monitor -2302', 'player#monitor 2103', 'pusher#pusher 1102', 'rig warning'],
    every: [
      {
        source: 'player#monitor',
        kind: 'metric',
        metric: 'latency',
        from: '4s',
        where: (d) => d.ms <= 800,
        describe: 'RTC latency under 800 ms',
        // A sample is one frame's delay: a player the CPU kept waiting reads one late frame, never a pattern.
        allowOutliers: '10%',
      },
    ],
    // Playout is real-time while the CPU is shared with encoders: allow one underrun, never a pattern.
    counts: [{ step: 'player#monitor 2007', max: 1 }],
    metrics: { 'player#monitor': { firstFrameMs: { max: 1500 }, latencyP50Ms: { max: 500 } } },
    page: { data: { pushStatus: 'pushing' } },
  },
});
