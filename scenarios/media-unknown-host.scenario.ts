import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a push URL whose host is not in the host map fails as DNS does',
  description:
    'The page pushes to a host the rig does not route: a warning says the host is outside the host map and how to add it; every attempt fails like a DNS lookup (3001), three reconnects, then -1307; nothing ever reaches the server.',
  needs: ['real-media'],
  params: { reconnectIntervalMs: 500 },
  setup: { page: 'pages/push/push', query: { url: encodeURIComponent('rtmp://push.unknown-cdn.example/live/demo?txSecret=abc') } },
  duration: '4s',
  expect: {
    sequence: [
      // Said once, with how to add the host: the same codes and the same warning as in virtual time.
      {
        source: 'network',
        kind: 'warning',
        where: (d) => String(d.message).includes("outside the rig's host map") && String(d.message).includes('media: { hosts:'),
      },
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher -1307',
    ],
    never: ['pusher#pusher 1001', { source: 'server', kind: 'server' }],
  },
});
