import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'live-player-plugin: the list page asks a room status, subscribes and enters the room page',
  description:
    "A 小程序直播 list page: getLiveStatus answers at once (0 for a room WeChat's backend does not know), the subscribe component subscribes, and navigateTo the plugin's room page is recorded with room_id and custom_params.",
  setup: { page: 'pages/live-list/live-list' },
  duration: '3s',
  timeline: [
    { at: '1s', do: { tap: '#sub >>> .subscribe' }, expect: { data: { subscribed: true }, text: { '#sub >>> .subscribe': '已订阅' } } },
    { at: '2s', do: { tap: '#enter' } },
  ],
  expect: {
    sequence: [
      { source: 'plugin:live-player-plugin', kind: 'call', where: (d) => d.method === 'getLiveStatus' },
      'subscribe#7 plugin-event after 1s',
      { source: 'plugin:live-player-plugin', kind: 'navigate', where: (d) => d.room_id === 7 && d.custom_params === '{"from":"list"}' },
    ],
    page: { data: { liveStatus: 0, subscribed: true } },
  },
});
