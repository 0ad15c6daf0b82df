import { defineScenario } from '../harness/runner';

const trtc = (name: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === name });

export default defineScenario({
  name: 'trtc-wx on Android: a phone call interrupts the room, and the page enters again',
  description:
    'A call on Android: 5001, and the SDK leaves the room (1019, a normal exit: no KICKED_OUT); it does not come back by itself. After the call the page starts the pusher again and is back in the room (1018, LOCAL_JOIN).',
  client: { platform: 'android' },
  setup: { page: 'pages/trtc-1v1/trtc-1v1', query: { roomID: '1234', userID: 'alice' }, streams: [{ key: 'room/1234/bob' }] },
  duration: '14s',
  timeline: [
    { at: '4s', do: 'phone-call' },
    { at: '7s', do: 'end-phone-call' },
    { at: '9s', do: { page: 'reenterRoom' } },
  ],
  expect: {
    sequences: [
      [
        'pusher#pusher 1018',
        'pusher#pusher 5001',
        { source: 'pusher#pusher', code: 1019, within: '100ms', where: (d) => String(d.message).includes('reason[0]') },
        { source: 'pusher#pusher', code: 1018, after: '4900ms' },
      ],
      [trtc('LOCAL_JOIN'), trtc('LOCAL_JOIN')],
    ],
    never: [trtc('KICKED_OUT')],
    // In at the start and after the page's start(): never by itself in between.
    counts: [{ step: 'pusher#pusher 1018', exactly: 2 }],
  },
});
