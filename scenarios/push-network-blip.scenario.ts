import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'push survives a short network loss',
  description: 'The network drops mid-push for 4 s: 3005, reconnect warnings, then 1001/1002 again; the page shows reconnecting, then pushing.',
  setup: { page: 'pages/push/push' },
  duration: '25s',
  timeline: [
    { at: '5s', do: { fault: 'cut' } },
    { at: '6s', expect: { data: { status: 'reconnecting' }, text: { '#status': 'reconnecting' } } },
    { at: '9s', do: { fault: 'restore' } },
  ],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      'network action',
      'pusher#pusher 3005 within 1s',
      'pusher#pusher 1102',
      'pusher#pusher 1001 within 8s',
      'pusher#pusher 1002 within 1s',
    ],
    never: [-1307],
    counts: [{ step: 'pusher#pusher 1102', min: 1, max: 2 }],
    every: [
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '16s',
        where: (i) => i.videoBitrate >= 291 && i.videoBitrate <= 824,
        describe: 'bitrate back within 300–800 kbps',
      },
    ],
    page: { data: { status: 'pushing', restarts: 0 } },
  },
});
