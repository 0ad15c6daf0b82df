import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'an RTMP viewer sees 2006 when the anchor stops',
  description: 'Over rtmp:// the server tells the player the stream ended: 2006 at once, no reconnects.',
  setup: { page: 'pages/play/play', query: { src: encodeURIComponent('rtmp://1234.liveplay.myqcloud.com/live/demo') }, streams: [{ key: 'live/demo' }] },
  duration: '30s',
  timeline: [{ at: '8s', do: { unpublish: 'live/demo' } }],
  expect: {
    sequence: ['player#player 2004', 'server server', 'player#player 2006 within 1s', { source: 'page', kind: 'setData', where: (d) => d.status === 'ended' }],
    never: ['player#player 2103', -2301],
    page: { data: { status: 'ended' }, text: { '#ended': 'The live has ended' } },
  },
});
