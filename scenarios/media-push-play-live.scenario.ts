import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: push and watch it back in live mode',
  description:
    'The studio page pushes over real RTMP to the local server and its monitor player watches the same stream over HTTP-FLV. Codes come from the wire; latency stays inside min-cache/max-cache (1–3 s) plus loopback slack.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio' },
  duration: '15s',
  timeline: [{ at: '6s', expect: { data: { pushStatus: 'pushing', playStatus: 'playing' }, text: { '#push-status': 'pushing', '#play-status': 'playing' } } }],
  expect: {
    sequence: [
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' && d.ok },
      'pusher#pusher 1001 within 5s',
      'pusher#pusher 1002 within 2s',
      { source: 'player#monitor', kind: 'call', where: (d) => d.method === 'play' },
      'player#monitor 2001 within 2s',
      'player#monitor 2002 within 2s',
      'player#monitor 2003 within 3s',
      'player#monitor 2004 within 3s',
    ],
    // The server's own account, over IPC: no order against the page's.
    sequences: [
      [
        { source: 'server', kind: 'server', where: (d) => d.event === 'publish' && d.key === 'live/studio' },
        { source: 'server', kind: 'server', where: (d) => d.event === 'play' && d.key === 'live/studio' },
      ],
    ],
    never: ['pusher#pusher 1102', -1307, 'player#monitor 2103', -2301, 'player#monitor 2007', 'rig warning'],
    // What the stream is holds at every sample; how fast it flows is a second of a real encoder,
    // server and player sharing the CPU, and one frame late moves one sample: 10 % may miss.
    every: [
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '3s',
        where: (i) => i.videoWidth === 540 && i.videoHeight === 960,
        describe: 'the encoder sends 540×960',
      },
      // HD capture: HD keeps its own 600–1200 kbps whatever max-bitrate says (Q14: min/max-bitrate act in RTC mode only);
      // x264's rate control holds it over a 1 s window within a quarter.
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '3s',
        where: (i) => i.videoBitrate >= 480 && i.videoBitrate <= 1500 && i.videoFPS >= 12,
        describe: 'the encoder really sends HD 600–1200 kbps (±25 % rate-control slack) at ~15 fps',
        allowOutliers: '10%',
      },
      { source: 'player#monitor', kind: 'netstatus', from: '5s', where: (i) => i.videoWidth === 540, describe: 'the monitor receives the pushed size' },
      {
        source: 'player#monitor',
        kind: 'netstatus',
        from: '5s',
        where: (i) => i.videoBitrate > 200 && i.audioBitrate > 0 && i.videoFPS >= 10 && i.videoCache >= 500,
        describe: 'the monitor really receives video and audio, with a buffer',
        allowOutliers: '10%',
      },
      {
        source: 'player#monitor',
        kind: 'metric',
        metric: 'latency',
        from: '5s',
        where: (d) => d.ms >= 900 && d.ms <= 3500,
        describe: 'latency within min-cache 1 s … max-cache 3 s (−100 / +500 ms)',
        allowOutliers: '10%',
      },
    ],
    counts: [
      { step: { source: 'server', kind: 'server', where: (d) => d.event === 'publish' }, exactly: 1 },
      { step: 'player#monitor 2104', max: 1 },
    ],
    metrics: { 'player#monitor': { firstFrameMs: { max: 3000 }, latencyP95Ms: { max: 3500 } } },
    page: { data: { pushStatus: 'pushing', playStatus: 'playing' } },
  },
});
