import { defineScenario } from '../harness/runner';

const trtc = (name: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === name });

export default defineScenario({
  name: 'trtc-wx: a bad UserSig fails the room entry',
  description:
    'The server refuses the UserSig: 1022, -100018 (trtc-wx: ERROR with that code), then 1019 as the SDK leaves the room it never entered; not a kick.',
  setup: { page: 'pages/trtc-1v1/trtc-1v1', query: { roomID: '1234', userID: 'mallory', userSig: 'invalid' } },
  duration: '5s',
  expect: {
    sequences: [['pusher#pusher 1022', 'pusher#pusher -100018', 'pusher#pusher 1019'], [trtc('ERROR -100018')]],
    never: ['pusher#pusher 1018', trtc('LOCAL_JOIN'), trtc('KICKED_OUT')],
  },
});
