import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a reset on the viewer’s connection, and the viewer recovers',
  description:
    'A remote anchor publishes; the phone watches over HTTP-FLV through the fault proxy. An RST on the viewer’s connection (the anchor’s is not the phone’s, so it goes on): 3005, 2103, and the picture is back (2004).',
  needs: ['real-media'],
  params: { reconnectIntervalMs: 1000 },
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }] },
  duration: '12s',
  timeline: [{ at: '5s', do: { fault: 'reset', target: 'live/demo' } }],
  expect: {
    sequence: [
      'player#player 2004',
      { source: 'proxy', kind: 'action', where: (d) => d.action === 'connection-closed' && d.how === 'reset' },
      'player#player 3005 within 1s',
      'player#player 2103',
      'player#player 2001 within 3s',
      'player#player 2004 within 4s',
    ],
    never: [-2301, { source: 'rig', kind: 'action', where: (d) => d.action === 'remote-gone' }],
    counts: [{ step: 'player#player 2103', exactly: 1 }],
    page: { data: { status: 'playing', reconnects: 1 } },
  },
});
