import type { Scenario } from '../../../index';

export default {
  name: 'fixture: the push page is wrongly expected to give up',
  description: 'The push page pushes on a good network; the scenario expects -1307, which never comes.',
  setup: { page: 'pages/push/push' },
  duration: '4s',
  expect: { sequence: ['pusher#pusher 1002', -1307] },
} satisfies Scenario;
