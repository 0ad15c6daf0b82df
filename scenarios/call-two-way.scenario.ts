import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'two-way RTC call',
  description: 'Alice pushes and plays Bob in RTC mode on one page; the call is up once both run, and ends when Bob hangs up.',
  setup: { page: 'pages/call/call', streams: [{ key: 'live/bob', videoKbps: 400, width: 360, height: 640 }] },
  duration: '30s',
  timeline: [
    { at: '5s', expect: { data: { callState: 'in-call' }, text: { '#call-state': 'in-call' } } },
    { at: '20s', do: { unpublish: 'live/bob' } },
  ],
  expect: {
    sequence: [
      'player#player 2004',
      'pusher#pusher 1002',
      { source: 'page', kind: 'setData', where: (d) => d.callState === 'in-call' },
      'player#player 2006',
      { source: 'page', kind: 'setData', where: (d) => d.callState === 'ended' },
    ],
    every: [
      { source: 'player#player', kind: 'metric', metric: 'latency', from: '3s', where: (d) => d.ms < 500, describe: 'RTC latency under 500 ms' },
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '3s',
        until: '20s',
        where: (i) => i.videoBitrate >= 194 && i.videoBitrate <= 515,
        describe: 'push bitrate within 200–500 kbps',
      },
    ],
    page: { data: { callState: 'ended', pushStatus: 'pushing', playStatus: 'ended' } },
  },
});
