import { defineScenario } from '../harness/runner';

const room = (entry: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === entry });

export default defineScenario({
  name: 'room component: kicked out of the room',
  description:
    'The server removes Alice: 1019 without "reason[0]"; the component tells the page KICKED_OUT, drops the players and stops its pusher through its own context.',
  setup: { page: 'pages/room/room', query: { roomID: '4321', userID: 'alice' }, streams: [{ key: 'room/4321/bob' }] },
  duration: '8s',
  timeline: [{ at: '4s', do: { fault: 'serverClose', target: 'room/4321/alice' } }],
  expect: {
    sequences: [
      [
        'pusher#pusher 1018',
        { source: 'pusher#pusher', code: 1019, where: (d) => !String(d.message).includes('reason[0]') },
        { source: 'player#bob_main', kind: 'lifecycle', where: (d) => d.name === 'detached' },
      ],
      [room('LOCAL_JOIN'), room('KICKED_OUT')],
    ],
    never: [room('LOCAL_LEAVE'), 'pusher#pusher 1102'],
  },
});
