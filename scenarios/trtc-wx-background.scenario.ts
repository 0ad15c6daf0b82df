import { defineScenario } from '../harness/runner';

const trtc = (name: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === name });

export default defineScenario({
  name: 'trtc-wx: the app goes to the background in a room and comes back',
  description:
    'Q9 in a room: in the background the SDK reports 5000 and leaves the room (1019, a normal exit: no KICKED_OUT), so Bob sees Alice go; back in the foreground it enters again by itself (1018, LOCAL_JOIN).',
  setup: { page: 'pages/trtc-1v1/trtc-1v1', query: { roomID: '1234', userID: 'alice' }, streams: [{ key: 'room/1234/bob' }] },
  duration: '15s',
  timeline: [
    { at: '4s', do: 'background' },
    { at: '9s', do: 'foreground' },
  ],
  expect: {
    sequences: [
      [
        'pusher#pusher 1018',
        'pusher#pusher 5000',
        { source: 'server', kind: 'server', where: (d) => d.event === 'unpublish' && d.key === 'room/1234/alice' },
        { source: 'pusher#pusher', code: 1019, within: '100ms', where: (d) => String(d.message).includes('reason[0]') },
        { source: 'page', kind: 'lifecycle', where: (d) => d.name === 'onShow' },
        'pusher#pusher 1018',
      ],
      [trtc('LOCAL_JOIN'), trtc('REMOTE_USER_JOIN bob'), trtc('LOCAL_JOIN')],
    ],
    never: [trtc('KICKED_OUT'), 'pusher#pusher -1307'],
  },
});
