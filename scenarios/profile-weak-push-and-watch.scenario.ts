import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'the weak profile on a push-and-watch page, on either clock',
  description:
    'The studio pushes and watches itself back on a weak network (300 ms RTT, 400 kbps up, 3 % loss): the uplink is below the encoder’s rate, so the pusher warns of a congested network (1101); it stays connected on both clocks.',
  needs: [],
  network: 'weak',
  setup: { page: 'pages/studio/studio' },
  duration: '16s',
  expect: {
    sequence: ['pusher#pusher 1001', 'pusher#pusher 1002 within 5s', 'pusher#pusher 1101'],
    never: [-1307, 'pusher#pusher 3005'],
  },
});
