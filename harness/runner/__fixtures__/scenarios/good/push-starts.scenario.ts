import type { Scenario } from '../../../index';

export default {
  name: 'fixture: the push page starts pushing',
  description: 'The push page connects and begins to push.',
  setup: { page: 'pages/push/push' },
  duration: '5s',
  expect: { sequence: ['pusher#pusher 1001', 'pusher#pusher 1002'] },
} satisfies Scenario;
