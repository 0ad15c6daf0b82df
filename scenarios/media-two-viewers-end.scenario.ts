import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: two viewers of one stream, and how each learns it ended',
  description:
    'A remote anchor publishes; an RTMP and an HTTP-FLV viewer play the same stream. When the anchor stops, the RTMP viewer gets 2006 from the server; the HTTP-FLV response just ends, so that viewer reconnects three times into "not found" (no 3002: an RTMP warning) and gives up with -2301 (Q2).',
  needs: ['real-media'],
  setup: { page: 'pages/duo/duo', streams: [{ key: 'live/duo' }] },
  duration: '24s',
  timeline: [
    { at: '6s', expect: { data: { rtmpStatus: 'playing', flvStatus: 'playing' } } },
    { at: '7s', do: { unpublish: 'live/duo' } },
  ],
  expect: {
    // Each viewer's story on its own: they run side by side, in no order against each other.
    sequences: [
      ['player#rtmp 2004', { source: 'network', kind: 'action', where: (d) => d.action === 'remote-unpublish' }, 'player#rtmp 2006 within 2s'],
      [
        'player#flv 2004',
        { source: 'network', kind: 'action', where: (d) => d.action === 'remote-unpublish' },
        'player#flv 2103 within 2s',
        'player#flv 2103',
        'player#flv 2103',
        'player#flv -2301',
      ],
      [{ source: 'server', kind: 'server', where: (d) => d.event === 'unpublish' && d.key === 'live/duo' }],
    ],
    never: ['player#flv 2006', 'player#flv 3002', 'player#rtmp 2103', 'player#rtmp -2301'],
    counts: [
      { step: { source: 'server', kind: 'server', where: (d) => d.event === 'play' && d.key === 'live/duo' }, exactly: 2 },
      { step: 'player#flv 2103', exactly: 3 },
    ],
    every: [
      // Video flows at every sample; ≥ 10 of 15 fps is a second of real playout on a shared CPU: one of the four may miss.
      { source: 'player#rtmp', kind: 'netstatus', from: '3s', until: '7s', where: (i) => i.videoBitrate > 0, describe: 'the RTMP viewer receives video' },
      { source: 'player#flv', kind: 'netstatus', from: '3s', until: '7s', where: (i) => i.videoBitrate > 0, describe: 'the HTTP-FLV viewer receives video' },
      {
        source: 'player#rtmp',
        kind: 'netstatus',
        from: '3s',
        until: '7s',
        where: (i) => i.videoFPS >= 10,
        describe: 'the RTMP viewer plays ≥ 10 fps',
        allowOutliers: 1,
      },
      {
        source: 'player#flv',
        kind: 'netstatus',
        from: '3s',
        until: '7s',
        where: (i) => i.videoFPS >= 10,
        describe: 'the HTTP-FLV viewer plays ≥ 10 fps',
        allowOutliers: 1,
      },
    ],
    page: { data: { rtmpStatus: 'ended', flvStatus: 'ended' } },
  },
});
