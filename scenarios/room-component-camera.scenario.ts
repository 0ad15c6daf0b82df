import { defineScenario } from '../harness/runner';

const room = (entry: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === entry });

export default defineScenario({
  name: 'room component: the other member turns the camera off and on',
  description:
    'Bob turns his camera off: the component hears 1033 with hasvideo false, keeps his player for the audio and mutes its video; on again, the video comes back.',
  setup: { page: 'pages/room/room', query: { roomID: '4321', userID: 'alice' }, streams: [{ key: 'room/4321/bob' }] },
  duration: '12s',
  timeline: [
    { at: '3s', do: { remote: 'room/4321/bob', camera: false } },
    { at: '7s', do: { remote: 'room/4321/bob', camera: true } },
  ],
  expect: {
    sequences: [[room('REMOTE_VIDEO_ADD bob'), room('REMOTE_VIDEO_REMOVE bob'), room('REMOTE_VIDEO_ADD bob')]],
    never: [{ source: 'player#bob_main', kind: 'lifecycle', where: (d) => d.name === 'detached' }],
    every: [
      {
        source: 'player#bob_main',
        kind: 'netstatus',
        from: '4s',
        until: '7s',
        where: (i) => i.videoBitrate === 0 && i.audioBitrate > 0,
        describe: 'camera off: audio only',
      },
      { source: 'player#bob_main', kind: 'netstatus', from: '8s', where: (i) => i.videoBitrate > 0, describe: 'camera on: video again' },
    ],
    warnings: { none: true },
  },
});
