import { defineScenario } from '../harness/runner';

const trtc = (name: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === name });

export default defineScenario({
  name: 'trtc-wx: the network goes, -1307, and the room comes back with the network',
  description:
    'The network is cut for 30 s: the pusher retries, gives up with -1307 (trtc-wx: ERROR), then, as TRTC does once the network returns, re-enters the room by itself (1021, 1018; trtc-wx: LOCAL_JOIN) without the page restarting it.',
  setup: { page: 'pages/trtc-1v1/trtc-1v1', query: { roomID: '1234', userID: 'alice' } },
  duration: '45s',
  timeline: [
    { at: '3s', do: { fault: 'cut' } },
    { at: '33s', do: { fault: 'restore' } },
  ],
  expect: {
    sequences: [
      ['pusher#pusher 1018', 'pusher#pusher 1102', 'pusher#pusher -1307', 'pusher#pusher 1021', 'pusher#pusher 1018'],
      [trtc('LOCAL_JOIN'), trtc('ERROR -1307'), trtc('LOCAL_JOIN')],
    ],
    counts: [{ step: { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' }, exactly: 1 }],
  },
});
