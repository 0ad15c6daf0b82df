import { defineScenario } from '../harness/runner';

/** the room component told the page `entry` (the page keeps it in data.lastEvent) */
const room = (entry: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === entry });

export default defineScenario({
  name: 'room component 1v1: join, see the other member, and see them leave',
  description:
    "A custom component in the style of the demos' trtc-room holds the pusher and one player per remote stream, driven by the pusher's room codes; the page hears of the room only through the component's RoomEvent. Bob is in the room, his player plays; he leaves and his player goes.",
  setup: { page: 'pages/room/room', query: { roomID: '4321', userID: 'alice' }, streams: [{ key: 'room/4321/bob' }] },
  duration: '10s',
  timeline: [{ at: '6s', do: { unpublish: 'room/4321/bob' } }],
  expect: {
    sequences: [
      [
        'pusher#pusher 1018',
        'pusher#pusher 1031',
        'pusher#pusher 1033',
        'player#bob_main 2004',
        'pusher#pusher 1032',
        { source: 'player#bob_main', kind: 'lifecycle', where: (d) => d.name === 'detached' },
      ],
      [room('LOCAL_JOIN'), room('REMOTE_USER_JOIN bob'), room('REMOTE_VIDEO_ADD bob'), room('REMOTE_VIDEO_PLAYING bob_main'), room('REMOTE_USER_LEAVE bob')],
    ],
    warnings: { none: true },
  },
});
