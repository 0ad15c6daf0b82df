import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: an audio-only push',
  description: 'enable-camera false: the encoder makes no video at all, the pusher reports audio only, and a viewer plays the sound with no picture.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio', query: { camera: 'off' } },
  duration: '12s',
  expect: {
    sequence: ['pusher#pusher 1002', 'player#monitor 2002', 'player#monitor 2004 within 4s'],
    never: ['pusher#pusher 1003', 'pusher#pusher 1007', 'pusher#pusher 1102', 'player#monitor 2103', 'rig warning'],
    every: [
      // No video is a fact of every sample; the audio rate is a second of a real encoder on a shared CPU: 10 % may miss.
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '3s',
        where: (i) => i.videoBitrate === 0 && i.videoFPS === 0 && i.videoWidth === 0,
        describe: 'no video',
      },
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '3s',
        where: (i) => i.audioBitrate >= 40 && i.audioBitrate <= 100,
        describe: 'audio at the high-quality rate (64 kbps ± rate control)',
        allowOutliers: '10%',
      },
      {
        source: 'player#monitor',
        kind: 'netstatus',
        from: '6s',
        where: (i) => i.videoBitrate === 0 && i.videoWidth === 0,
        describe: 'the viewer gets no picture',
      },
      {
        source: 'player#monitor',
        kind: 'netstatus',
        from: '6s',
        where: (i) => i.audioBitrate > 0,
        describe: 'the viewer receives sound',
        allowOutliers: '10%',
      },
    ],
    page: { data: { pushStatus: 'pushing', playStatus: 'playing' } },
  },
});
