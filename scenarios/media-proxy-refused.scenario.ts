import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: refused connections (3002) while the server’s port is shut, then back on air',
  description:
    'The proxy stops listening and resets the open connection: each reconnect is refused by the kernel (ECONNREFUSED → 3002) until the refusal lifts, and the next attempt goes on air.',
  needs: ['real-media'],
  params: { reconnectIntervalMs: 1000 },
  setup: { page: 'pages/push/push' },
  duration: '10s',
  timeline: [
    { at: '4s', do: { fault: 'refuse', forMs: 1500 } },
    { at: '4s', do: { fault: 'reset' } },
  ],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      { source: 'proxy', kind: 'action', where: (d) => d.action === 'toxic-added' && (d.toxic as { type: string }).type === 'refuse' },
      'pusher#pusher 3005 within 1s',
      'pusher#pusher 1102',
      'pusher#pusher 3002 within 2s',
      'pusher#pusher 1102',
      { source: 'proxy', kind: 'action', where: (d) => d.action === 'toxic-removed' && d.type === 'refuse' },
      'pusher#pusher 1001 within 3s',
      'pusher#pusher 1002 within 2s',
    ],
    never: [-1307],
    page: { data: { status: 'pushing', restarts: 0 } },
  },
});
