import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'a stall shows loading, then playback resumes',
  description: 'Data stops for 4 s: the buffer drains, 2007 loading (the page shows its spinner, keeps the player), 2105 lag, then 2004 again once data flows.',
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }] },
  duration: '25s',
  timeline: [
    { at: '8s', do: { fault: 'stall', forMs: 4000 } },
    { at: '11s', expect: { data: { status: 'loading' }, text: { '#spinner': 'loading…' } } },
  ],
  expect: {
    sequence: [
      'player#player 2004',
      'network action',
      'player#player 2007 within 3s',
      'player#player 2105 within 1s',
      'player#player 2004 within 5s',
      { source: 'page', kind: 'setData', where: (d) => d.status === 'playing' },
    ],
    never: ['player#player 2103', -2301],
    counts: [{ step: 'player#player 2007', exactly: 1 }],
    page: { data: { status: 'playing' }, text: { '#spinner': null } },
  },
});
