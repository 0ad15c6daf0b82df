import { defineScenario } from '../../harness/runner';

export default defineScenario({
  name: 'real media: the anchor stops, and the browser viewer sees the stream end',
  description:
    'A remote anchor publishes; the phone’s RTMP viewer and a browser viewer watch it. When the anchor stops, the RTMP viewer gets 2006 from the server, and the browser’s HTTP-FLV response ends: the browser reports the end, with no player error.',
  needs: ['real-media', 'browser'],
  setup: { page: 'pages/duo/duo', streams: [{ key: 'live/duo' }], browserViewers: [{ id: 'web', stream: 'live/duo' }] },
  duration: '12s',
  timeline: [{ at: '7s', do: { unpublish: 'live/duo' } }],
  expect: {
    sequences: [
      ['player#rtmp 2004', { source: 'network', kind: 'action', where: (d) => d.action === 'remote-unpublish' }, 'player#rtmp 2006 within 2s'],
      [
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'first-frame' },
        { source: 'network', kind: 'action', where: (d) => d.action === 'remote-unpublish' },
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'ended' },
      ],
    ],
    never: [{ source: 'browser#web', kind: 'error', where: () => true }],
    counts: [{ step: { source: 'browser#web', kind: 'action', where: (d) => d.action === 'ended' }, exactly: 1 }],
  },
});
