import type { Scenario } from '../../../index';

export default {
  name: 'fixture: real media that passes',
  description: 'The studio pushes and watches itself back; the expected codes come.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio' },
  duration: '3s',
  expect: { sequence: ['pusher#pusher 1002'] },
} satisfies Scenario;
