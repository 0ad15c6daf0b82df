import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'push hangs up to the background and comes back',
  description:
    'The app goes to the background mid-push: 5000, the waiting image keeps the stream alive at a very low bitrate, audio is muted; back in the foreground the camera returns.',
  setup: { page: 'pages/push/push' },
  duration: '40s',
  timeline: [
    { at: '5s', do: 'background' },
    { at: '6s', expect: { data: { inBackground: true, status: 'pushing' } } },
    { at: '25s', do: 'foreground' },
  ],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      'device action',
      'pusher#pusher 5000 within 100ms',
      { source: 'page', kind: 'lifecycle', where: (d) => d.name === 'onShow' },
    ],
    never: ['pusher#pusher 1102', -1307, 'pusher#pusher error'],
    every: [
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '7s',
        until: '25s',
        where: (i) => i.videoBitrate > 0 && i.videoBitrate <= 45 && i.audioBitrate === 0,
        describe: 'waiting image only: video ≤ 45 kbps, no audio',
      },
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '28s',
        where: (i) => i.videoBitrate >= 291 && i.audioBitrate > 0,
        describe: 'camera and microphone back',
      },
    ],
    page: { data: { status: 'pushing', inBackground: false } },
  },
});
