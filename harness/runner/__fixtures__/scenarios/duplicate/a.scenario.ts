import type { Scenario } from '../../../index';

export default {
  name: 'twin',
  description: 'Two files, one name.',
  setup: { page: 'pages/push/push' },
  duration: '5s',
  expect: { sequence: ['pusher#pusher 1002'] },
} satisfies Scenario;
