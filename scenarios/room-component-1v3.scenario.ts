import { defineScenario } from '../harness/runner';

const room = (entry: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === entry });

export default defineScenario({
  name: 'room component 1v3: four in a room, members come and go',
  description:
    'The room component with three others: two are there when Alice enters, a third comes later; each gets a player in the component. One leaves: only their player goes, the others play on.',
  setup: { page: 'pages/room/room', query: { roomID: '4321', userID: 'alice' }, streams: [{ key: 'room/4321/bob' }, { key: 'room/4321/carol' }] },
  duration: '12s',
  timeline: [
    { at: '3s', do: { publish: 'room/4321/dan' } },
    { at: '6s', expect: { data: { lastEvent: 'REMOTE_VIDEO_PLAYING dan_main' } } },
    { at: '8s', do: { unpublish: 'room/4321/carol' } },
  ],
  expect: {
    sequences: [
      ['player#bob_main 2004', 'player#dan_main 2004'],
      ['player#carol_main 2004', { source: 'player#carol_main', kind: 'lifecycle', where: (d) => d.name === 'detached' }],
      [room('LOCAL_JOIN'), room('REMOTE_USER_JOIN dan'), room('REMOTE_USER_LEAVE carol')],
    ],
    counts: [
      { step: { source: 'page', kind: 'setData', where: (d) => typeof d.lastEvent === 'string' && d.lastEvent.startsWith('REMOTE_USER_JOIN') }, exactly: 3 },
    ],
    never: [
      { source: 'player#bob_main', kind: 'lifecycle', where: (d) => d.name === 'detached' },
      { source: 'player#dan_main', kind: 'lifecycle', where: (d) => d.name === 'detached' },
    ],
    every: [{ source: 'player#bob_main', kind: 'netstatus', from: '9s', where: (i) => i.videoBitrate > 0, describe: "Bob's video plays on after Carol left" }],
    warnings: { none: true },
  },
});
