import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'push with the camera denied',
  description: 'The user denied the camera: binderror 10001 "Not allowed to use camera.", -1301, no connection, and the page shows why.',
  setup: { page: 'pages/push/push', deny: ['camera'] },
  duration: '10s',
  expect: {
    sequence: [
      'pusher#pusher call',
      { source: 'pusher#pusher', kind: 'error', code: 10001, where: (d) => d.errMsg === 'Not allowed to use camera.' },
      'pusher#pusher -1301',
    ],
    never: [1001, 1002, 1003, 1102],
    page: { data: { status: 'failed' }, text: { '#error': 'Permission denied: Not allowed to use camera.' } },
  },
});
