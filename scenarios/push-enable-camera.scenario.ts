import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'enable-camera needs stop and start',
  description: 'Turning enable-camera off with setData changes nothing while pushing; after stop()+start() the push is audio-only.',
  setup: { page: 'pages/push/push' },
  duration: '20s',
  timeline: [
    { at: '5s', do: { setData: { enableCamera: false } } },
    {
      at: '10s',
      do: [
        { context: 'pusher#pusher', method: 'stop' },
        { context: 'pusher#pusher', method: 'start' },
      ],
    },
  ],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      { source: 'page', kind: 'setData', where: (d) => d.enableCamera === false },
      'pusher#pusher call',
      'pusher#pusher call',
      'pusher#pusher 1008',
      'pusher#pusher 1002',
    ],
    never: ['pusher#pusher 1003 after 6s'],
    every: [
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '6s',
        until: '10s',
        where: (i) => i.videoBitrate > 0,
        describe: 'video still pushed before the restart',
      },
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '12s',
        where: (i) => i.videoBitrate === 0 && i.audioBitrate > 0,
        describe: 'audio only after stop()+start()',
      },
    ],
  },
});
