import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'with autoplay a new src needs stop() and play()',
  description: 'Changing src alone keeps playing the old stream (Q3); the page switches for real with stop()+play() in the setData callback.',
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }, { key: 'live/other', videoKbps: 500, width: 360, height: 640 }] },
  duration: '20s',
  timeline: [
    { at: '5s', do: { setData: { src: 'http://1234.liveplay.myqcloud.com/live/other.flv' } } },
    { at: '10s', do: { page: 'switchStream', args: ['http://1234.liveplay.myqcloud.com/live/other.flv'] } },
  ],
  expect: {
    sequence: [
      'player#player 2004',
      { source: 'page', kind: 'setData', where: (d) => typeof d.src === 'string' && d.src.endsWith('other.flv') },
      { source: 'player#player', kind: 'call', where: (d) => d.method === 'stop', after: '4s' },
      { source: 'player#player', kind: 'call', where: (d) => d.method === 'play' },
      { source: 'server', kind: 'server', where: (d) => d.event === 'play' && d.key === 'live/other' },
      'player#player 2004 within 3s',
    ],
    every: [
      {
        source: 'player#player',
        kind: 'netstatus',
        from: '6s',
        until: '10s',
        where: (i) => i.videoWidth === 540,
        describe: 'still the old 540p stream before stop()+play()',
      },
      { source: 'player#player', kind: 'netstatus', from: '13s', where: (i) => i.videoWidth === 360, describe: 'the new 360p stream after' },
    ],
    page: { data: { status: 'playing' } },
  },
});
