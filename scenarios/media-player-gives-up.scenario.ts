import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a viewer of a stream that never starts gives up',
  description:
    'Nobody publishes: three reconnects into "not found" (no 3002 over HTTP-FLV: it is an RTMP warning), then -2301, and the page shows that the live has ended.',
  needs: ['real-media'],
  setup: { page: 'pages/play/play' },
  duration: '13s',
  expect: {
    sequence: [
      'player#player 2001',
      'player#player 2103',
      'player#player 2001',
      'player#player 2103',
      'player#player 2001',
      'player#player 2103',
      'player#player 2001',
      'player#player -2301',
    ],
    never: ['player#player 2002', 'player#player 2004', 'player#player 3002'],
    counts: [{ step: 'player#player 2103', exactly: 3 }],
    page: { data: { status: 'ended', reconnects: 3 }, text: { '#ended': 'The live has ended' } },
  },
});
