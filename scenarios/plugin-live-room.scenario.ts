import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'cloud-live plugin: live-room-push pushes by itself, live-room-play plays, the plugin instance stops the push',
  description:
    "A page built on plugin://liveRoomPlugin: the push component starts by itself (autopush defaults to true, mode to SD) once the whitelist check passes, the play component plays an HTTP-FLV stream; bindPushEvent/bindPlayEvent carry WeChat codes; requirePlugin('liveRoomPlugin').instance stops the push.",
  setup: { page: 'pages/live-room/live-room', streams: [{ key: 'live/plugin' }] },
  duration: '8s',
  timeline: [
    { at: '4s', expect: { data: { pushStatus: 'pushing', playStatus: 'playing', attached: 2 } } },
    { at: '5s', do: { tap: '#stop' } },
  ],
  expect: {
    sequence: [
      'live-room-push#anchor plugin-event',
      'pusher#live-room-push 1001',
      'live-room-push#anchor plugin-event 1002',
      'live-room-play#viewer plugin-event 2004 within 3s',
      { source: 'pusher#live-room-push', kind: 'call', where: (d) => d.method === 'stop' },
    ],
    never: ['live-room-push#anchor plugin-event -1', 'player#live-room-play 2007'],
    page: { data: { pushStatus: 'stopped', playStatus: 'playing', error: '' } },
  },
});
