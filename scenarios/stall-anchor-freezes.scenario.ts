import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'a viewer stalls while its anchor freezes, then plays on',
  description:
    "The anchor's uplink freezes for 3 s with its connection open: the viewer's buffer (min-cache 1 s) runs dry, the page shows loading (2007) and plays again (2004) once media flows, with no reconnect. It needs nothing but a clock: the same story runs in virtual time and on real media.",
  needs: [],
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }] },
  duration: '14s',
  timeline: [
    { at: '5s', do: { freeze: 'live/demo', for: '3s' } },
    { at: '7.5s', expect: { data: { status: 'loading' }, text: { '#spinner': 'loading…' } } },
  ],
  expect: {
    sequence: [
      'player#player 2004',
      { source: 'network', kind: 'action', where: (d) => d.action === 'remote-freeze' },
      'player#player 2007 within 2500ms',
      { source: 'network', kind: 'action', where: (d) => d.action === 'remote-thaw' },
      'player#player 2004 within 3s',
      { source: 'page', kind: 'setData', where: (d) => d.status === 'playing' },
    ],
    never: ['player#player 2103', -2301],
    counts: [{ step: 'player#player 2007', exactly: 1 }],
    page: { data: { status: 'playing', reconnects: 0 }, text: { '#spinner': null } },
  },
});
