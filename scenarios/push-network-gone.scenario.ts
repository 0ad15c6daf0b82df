import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'push gives up after three reconnects and the page restarts it',
  description: 'The network goes for good: three reconnect attempts, -1307, the page stops and starts the push itself, and after two restarts shows a failure.',
  setup: { page: 'pages/push/push' },
  duration: '60s',
  timeline: [{ at: '5s', do: { fault: 'cut' } }],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      'pusher#pusher 3005',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher -1307 within 15s',
      { source: 'page', kind: 'setData', where: (d) => d.status === 'restarting' && d.restarts === 1 },
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'stop' },
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' },
      'pusher#pusher -1307',
      { source: 'page', kind: 'setData', where: (d) => d.restarts === 2 },
      'pusher#pusher -1307',
      { source: 'page', kind: 'setData', where: (d) => d.status === 'failed' },
    ],
    counts: [
      { step: 'pusher#pusher -1307', exactly: 3 },
      { step: 'pusher#pusher 1102', exactly: 9 },
    ],
    never: ['pusher#pusher 1001 after 6s'],
    page: { data: { status: 'failed', restarts: 2 }, text: { '#error': 'The network is down. Check it and tap Start.' } },
  },
});
