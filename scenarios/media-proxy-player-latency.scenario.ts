import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: +800 ms with jitter on the viewer’s path shows in its latency',
  description:
    'A remote anchor publishes; the phone’s network gets a 1600 ms RTT (800 ms each way) with jitter, as latency toxics on the proxy. Only the viewer is on the phone, so its latency carries the 800 ms; it plays on without reconnecting.',
  needs: ['real-media'],
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }] },
  duration: '14s',
  timeline: [{ at: '4s', do: { fault: 'shape', rttMs: 1600, jitterMs: 200 } }],
  expect: {
    sequence: [
      'player#player 2004',
      { source: 'proxy', kind: 'action', where: (d) => d.action === 'toxic-added' && (d.toxic as { type: string }).type === 'latency' },
    ],
    never: [-2301, 'player#player 2103', 'player#player 3005'],
    every: [
      // Before the shape: loopback; after it has settled: the 800 ms (±100 ms jitter) in the network part of every sample.
      {
        source: 'player#player',
        kind: 'metric',
        metric: 'latency',
        from: '8s',
        where: (d) => (d.networkMs as number) >= 700 && (d.networkMs as number) <= 1500,
        describe: 'the network part of the latency carries the 800 ms one way (±100 ms jitter, + load)',
        allowOutliers: '10%',
      },
    ],
  },
});
