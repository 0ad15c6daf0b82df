import { defineScenario } from '../harness/runner';

const trtc = (name: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === name });

export default defineScenario({
  name: 'trtc-wx: kicked out of the room',
  description:
    'The server removes Alice from the room: 1019 without "reason[0]", which trtc-wx reports as KICKED_OUT; the page leaves the room (LOCAL_LEAVE) and stops its pusher.',
  setup: { page: 'pages/trtc-1v1/trtc-1v1', query: { roomID: '1234', userID: 'alice' }, streams: [{ key: 'room/1234/bob' }] },
  duration: '10s',
  timeline: [{ at: '4s', do: { fault: 'serverClose', target: 'room/1234/alice' } }],
  expect: {
    sequences: [
      ['pusher#pusher 1018', { source: 'pusher#pusher', code: 1019, where: (d) => !String(d.message).includes('reason[0]') }],
      [trtc('LOCAL_JOIN'), trtc('KICKED_OUT'), trtc('LOCAL_LEAVE')],
    ],
    never: ['pusher#pusher 1102', { source: 'pusher#pusher', code: 1018, after: '4s' }],
    page: { data: { playerList: [] } },
  },
});
