import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'push happy path',
  description: 'The anchor page opens the camera, connects, pushes, and reports a bitrate inside min/max-bitrate every second.',
  setup: { page: 'pages/push/push' },
  duration: '20s',
  timeline: [{ at: '3s', expect: { data: { status: 'pushing' }, text: { '#status': 'pushing' } } }],
  expect: {
    sequence: [
      'page lifecycle',
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' && d.ok },
      'pusher#pusher 1003',
      'pusher#pusher 1007',
      'pusher#pusher 1008',
      'pusher#pusher 1001 within 3s',
      'pusher#pusher 1002 within 1s',
      { source: 'page', kind: 'setData', where: (d) => d.status === 'pushing' },
    ],
    never: ['pusher#pusher 1102', -1307, 'pusher#pusher error'],
    // min-bitrate 300 / max-bitrate 800 in the page's WXML; ±3 % is the model's reporting jitter.
    every: [
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '2s',
        where: (i) => i.videoBitrate >= 291 && i.videoBitrate <= 824 && i.videoFPS > 0,
        describe: 'videoBitrate within 300–800 kbps (±3 %), video flowing',
      },
    ],
    counts: [{ step: { source: 'pusher#pusher', kind: 'netstatus' }, min: 18, max: 21 }],
    page: { data: { status: 'pushing', restarts: 0 }, text: { '#error': null } },
    warnings: { none: true },
  },
});
