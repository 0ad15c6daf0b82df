import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'push with the microphone denied',
  description: 'The user denied the microphone: binderror 10002 "Not allowed to use microphone.", -1302, no connection.',
  setup: { page: 'pages/push/push', deny: ['microphone'] },
  duration: '10s',
  expect: {
    sequence: [{ source: 'pusher#pusher', kind: 'error', code: 10002, where: (d) => d.errMsg === 'Not allowed to use microphone.' }, 'pusher#pusher -1302'],
    never: [1001, 1002, 10001],
    page: { data: { status: 'failed' }, text: { '#error': 'Permission denied: Not allowed to use microphone.' } },
  },
});
