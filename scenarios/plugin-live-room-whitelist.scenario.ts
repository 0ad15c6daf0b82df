import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'cloud-live plugin: a failed whitelist check is tag "error", code -1, and nothing streams',
  description:
    'The page gives liveAppID 0: the plugin\'s whitelist check fails on both components (push: bindError, play: bindPlayEvent with tag "error", code -1 and the reason); the pusher never connects.',
  setup: { page: 'pages/live-room/live-room', query: { appid: '0' }, streams: [{ key: 'live/plugin' }] },
  duration: '4s',
  expect: {
    sequence: ['live-room-push#anchor plugin-event -1 within 1s', 'live-room-play#viewer plugin-event -1 within 1s'],
    never: ['pusher#live-room-push 1001', 'player#live-room-play 2001'],
    page: { data: { error: '-1: liveAppID is required (got 0)', pushStatus: 'idle' } },
  },
});
