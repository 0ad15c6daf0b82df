import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a reset mid-push, from the wire, and recovery',
  description:
    'The fault proxy sends an RST both ways on the pusher’s connection mid-push: the socket reports the reset (3005), the SDK warns and reconnects (1102), and it is back on air (1001/1002); the page shows reconnecting, then pushing.',
  needs: ['real-media'],
  params: { reconnectIntervalMs: 1000 },
  setup: { page: 'pages/push/push' },
  duration: '10s',
  timeline: [{ at: '4s', do: { fault: 'reset' } }],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      { source: 'proxy', kind: 'action', where: (d) => d.action === 'toxic-added' && (d.toxic as { type: string }).type === 'reset' },
      { source: 'proxy', kind: 'action', where: (d) => d.action === 'connection-closed' && d.how === 'reset' },
      'pusher#pusher 3005 within 1s',
      'pusher#pusher 1102',
      'pusher#pusher 1001 within 3s',
      'pusher#pusher 1002 within 2s',
    ],
    never: [-1307],
    counts: [{ step: 'pusher#pusher 1102', exactly: 1 }],
    page: { data: { status: 'pushing', restarts: 0 } },
  },
});
