import { defineScenario } from '../../harness/runner';

export default defineScenario({
  name: 'real media: a reset on the browser viewer’s path, and only the browser notices',
  description:
    'The studio page pushes live/studio and its monitor player watches it over HTTP-FLV; a browser viewer watches the same stream in Chromium on its own path through the fault proxy. An RST on that path: the browser’s player errors, reconnects and plays again, while the mini-program viewer plays on untouched.',
  needs: ['real-media', 'browser'],
  // A picture frozen for half a second (7 frames at 15 fps) is a stall a person sees.
  setup: { page: 'pages/studio/studio', browserViewers: [{ id: 'web', stream: 'live/studio', stallMs: 500 }] },
  duration: '16s',
  timeline: [{ at: '8s', do: { fault: 'reset', target: 'browser#web' } }],
  expect: {
    sequence: ['pusher#pusher 1002', 'player#monitor 2004'],
    // The browser and the mini-program viewer join side by side: no order between their first frames.
    sequences: [
      [
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'load' },
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'first-frame' },
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'fault' && d.fault === 'reset' },
        { source: 'proxy', kind: 'action', where: (d) => d.action === 'connection-closed' && d.how === 'reset' },
      ],
      // After the reset, two stories side by side with no order between them: the player's (error, a new
      // player) and the picture's (frozen, then moving again).
      [
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'fault' },
        { source: 'browser#web', kind: 'error', where: () => true },
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'reconnect' },
      ],
      [
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'fault' },
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'stall' },
        { source: 'browser#web', kind: 'action', where: (d) => d.action === 'recovered' },
      ],
    ],
    // The fault was on the browser's path alone: the phone's pusher and player never noticed.
    never: ['pusher#pusher 1102', 'player#monitor 2103', 'player#monitor 3005', -1307, -2301],
    // One reset, one new player: no reconnect storm. A viewer that loads before the studio has published is answered
    // 404 and retries (a web page does the same); that reconnect is not the reset's.
    counts: [
      {
        step: { source: 'browser#web', kind: 'action', where: (d) => d.action === 'reconnect' && d.after !== 'HttpStatusCodeInvalid' },
        exactly: 1,
      },
    ],
    every: [
      {
        source: 'browser#web',
        kind: 'metric',
        metric: 'latency',
        from: '4s',
        // Send to display: the server, loopback, and the player's own buffer (its catch-up targets 0.3 s);
        // a frame matched to another frame's clock would be off by whole seconds.
        where: (d) => d.ms >= 0 && d.ms <= 1500 && d.networkMs >= 0 && d.networkMs <= 500,
        describe: 'the browser sees each frame within 1.5 s of its send, the network part under 0.5 s',
        allowOutliers: 1,
      },
    ],
    page: { data: { pushStatus: 'pushing', playStatus: 'playing' } },
  },
});
