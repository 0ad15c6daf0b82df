import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'an HTTP-FLV viewer never sees 2006, only the disconnect',
  description: 'Over http://….flv the response simply ends when the anchor stops: no 2006, three reconnects that find nothing, then -2301 (Q2).',
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }] },
  duration: '30s',
  timeline: [{ at: '8s', do: { unpublish: 'live/demo' } }],
  expect: {
    sequence: [
      'player#player 2004',
      'server server',
      'player#player 2103 within 1s',
      'player#player 2103',
      'player#player 2103',
      'player#player -2301 within 15s',
    ],
    never: ['player#player 2006'],
    page: { data: { status: 'ended' } },
  },
});
