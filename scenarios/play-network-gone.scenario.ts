import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'the player reconnects three times, then gives up with -2301',
  description: 'The viewer loses the network for good: 2103 three times, then -2301, and the page treats it as the end of the live (Q2).',
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }] },
  duration: '40s',
  timeline: [{ at: '5s', do: { fault: 'cut' } }],
  expect: {
    sequence: [
      'player#player 2004',
      'player#player 3005',
      'player#player 2103',
      'player#player 2103',
      'player#player 2103',
      'player#player -2301 within 15s',
      { source: 'page', kind: 'setData', where: (d) => d.status === 'ended' },
    ],
    counts: [{ step: 'player#player 2103', exactly: 3 }],
    never: ['player#player 2006'],
    page: { data: { status: 'ended', reconnects: 3 }, text: { '#ended': 'The live has ended', '#spinner': null } },
  },
});
