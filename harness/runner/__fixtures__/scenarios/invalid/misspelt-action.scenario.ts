import type { Scenario } from '../../../index';

export default {
  name: 'misspelt action',
  description: 'A timeline action with a typo.',
  setup: { page: 'pages/push/push' },
  duration: '5s',
  // @ts-expect-error -- the typo the loader must catch
  timeline: [{ at: '1s', do: 'cut-netwrok' }],
  expect: { sequence: ['pusher#pusher 1002'] },
} satisfies Scenario;
