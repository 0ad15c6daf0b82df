import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'the 3g profile on a push-and-watch page, on either clock',
  description:
    'The studio pushes and watches itself back on a 3G network (150 ms RTT, 700 kbps up, 1500 down, 1 % loss): a seeded model in virtual time, latency, bandwidth and loss toxics on real media. Both get on air and stay there.',
  needs: [],
  network: '3g',
  setup: { page: 'pages/studio/studio' },
  duration: '14s',
  expect: {
    sequence: ['pusher#pusher 1001', 'pusher#pusher 1002 within 4s', 'player#monitor 2004 within 8s'],
    never: [-1307, -2301, 'pusher#pusher 3005', 'player#monitor 3005'],
    page: { data: { pushStatus: 'pushing' } },
  },
});
