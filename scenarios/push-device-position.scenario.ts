import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'device-position after insert is ignored',
  description: 'Changing device-position with setData after the pusher is on the page does nothing (the mock warns); switchCamera() is the way.',
  setup: { page: 'pages/push/push' },
  duration: '10s',
  timeline: [
    { at: '3s', do: { setData: { devicePosition: 'back' } } },
    { at: '5s', do: { tap: '#switch' } },
  ],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      {
        source: 'pusher#pusher',
        kind: 'warning',
        where: (d) =>
          String(d.message).includes('device-position changed to "back" after insert; the real component ignores it. Call switchCamera() to change camera.'),
      },
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'switchCamera' && d.ok },
    ],
    never: ['pusher#pusher 1003 after 1s', 'pusher#pusher 1102'],
    page: { data: { status: 'pushing', devicePosition: 'back' } },
  },
});
