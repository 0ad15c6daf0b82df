import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a viewer that comes before the anchor reconnects until it plays',
  description:
    'The play page autoplays a key nobody publishes yet: the server answers "not found", the HTTP-FLV player reconnects (2103; no 3002: that is an RTMP warning); the anchor goes live at 4 s and the next attempt plays.',
  needs: ['real-media'],
  setup: { page: 'pages/play/play' },
  duration: '14s',
  timeline: [{ at: '4s', do: { publish: 'live/demo' } }],
  expect: {
    sequence: [
      'player#player 2001',
      'player#player 2103',
      { source: 'network', kind: 'action', where: (d) => d.action === 'remote-publish' },
      'player#player 2001',
      'player#player 2002',
      'player#player 2003',
      'player#player 2004 within 3s',
      { source: 'page', kind: 'setData', where: (d) => d.status === 'playing' },
    ],
    never: [-2301, 'player#player 3002'],
    counts: [{ step: 'player#player 2103', min: 1, max: 2 }],
    page: { data: { status: 'playing' }, text: { '#status': 'playing', '#spinner': null } },
  },
});
