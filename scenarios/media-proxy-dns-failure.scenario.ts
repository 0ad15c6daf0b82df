import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: lookups fail mid-push (3001) until the retry budget is spent',
  description:
    'The connection breaks and the push host stops resolving: every reconnect fails as DNS does (3001) before any socket opens, three times, then -1307.',
  needs: ['real-media'],
  params: { reconnectIntervalMs: 500 },
  setup: { page: 'pages/push/push' },
  duration: '8s',
  timeline: [
    { at: '4s', do: { fault: 'failDns' } },
    { at: '4s', do: { fault: 'reset' } },
  ],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      'network action',
      'pusher#pusher 3005 within 1s',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher -1307',
    ],
    never: ['pusher#pusher 3002', 'pusher#pusher 3003'],
  },
});
