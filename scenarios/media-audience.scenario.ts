import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: an audience of 20 watches the studio, a tenth of it on 3g',
  description:
    'The studio page pushes over real RTMP; 20 lightweight viewers watch over HTTP-FLV, two of them through a 3g path of their own. Every viewer joins and stays; the healthy ones get the stream with little delay. Figures come from the audience’s histograms, not from a page.',
  needs: ['real-media', 'audience'],
  setup: {
    page: 'pages/studio/studio',
    // A stall here is a second without a frame: on a loaded 2-core machine the encoder itself may pause for half of one.
    audience: [{ id: 'crowd', stream: 'live/studio', viewers: 20, protocol: 'http-flv', faults: [{ share: 0.1, profile: '3g' }], stallMs: 1000 }],
  },
  duration: '12s',
  expect: {
    sequence: ['pusher#pusher 1002 within 8s', { source: 'audience#crowd', kind: 'audience', where: (d) => d.watching > 0 }],
    audience: [
      { id: 'crowd', joined: { min: 20 }, left: { max: 0 }, rateKbps: { p50: { min: 100 } } },
      // The join burst (the server's cached GOP, up to 2 s old) is a minority of the samples: the median is the steady delay.
      { id: 'crowd', of: 'healthy', joined: { min: 18 }, latencyMs: { p50: { max: 1000 } } },
      { id: 'crowd', of: '3g', joined: { min: 2 } },
    ],
  },
});
