import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a handshake answered with garbage (3003), then back on air',
  description:
    'What answers the RTMP handshake is not the server (a captive portal’s HTTP error), then a hang-up: each reconnect fails its handshake (3003) until the fault lifts.',
  needs: ['real-media'],
  params: { reconnectIntervalMs: 1000 },
  setup: { page: 'pages/push/push' },
  duration: '10s',
  timeline: [
    { at: '4s', do: { fault: 'failHandshake', forMs: 1500 } },
    { at: '4s', do: { fault: 'reset' } },
  ],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      'network action',
      'pusher#pusher 3005 within 1s',
      'pusher#pusher 1102',
      { source: 'proxy', kind: 'action', where: (d) => d.action === 'connection-answered' },
      'pusher#pusher 3003',
      'pusher#pusher 1102',
      'pusher#pusher 1001 within 3s',
      'pusher#pusher 1002 within 2s',
    ],
    never: [-1307, 'pusher#pusher 3002'],
    page: { data: { status: 'pushing', restarts: 0 } },
  },
});
