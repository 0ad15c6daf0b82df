import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: an outage longer than the retry budget ends in -1307, then the page restarts the push',
  description:
    'The path to the server breaks (reset) and refuses every new connection for longer than three reconnects take: 3005, then 1102/3002 three times, then -1307; the page restarts the push itself, and once the refusal lifts it is on air again.',
  needs: ['real-media'],
  params: { reconnectIntervalMs: 500 },
  setup: { page: 'pages/push/push' },
  duration: '12s',
  timeline: [
    { at: '4s', do: { fault: 'refuse', forMs: 3500 } },
    { at: '4s', do: { fault: 'reset' } },
  ],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      'network action',
      'pusher#pusher 3005 within 1s',
      'pusher#pusher 1102',
      'pusher#pusher 3002',
      'pusher#pusher 1102',
      'pusher#pusher 3002',
      'pusher#pusher 1102',
      'pusher#pusher 3002',
      'pusher#pusher -1307',
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' },
      'pusher#pusher 1002',
    ],
    counts: [{ step: 'pusher#pusher -1307', min: 1 }],
    page: { data: { status: 'pushing' } },
  },
});
