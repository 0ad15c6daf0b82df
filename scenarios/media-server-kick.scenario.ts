import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: the server kicks the pusher and the viewer, both come back',
  description:
    'The embedded server hangs up on every session of the stream (an operator kick): the pusher sees 3004, the monitor player the end of its stream; each reconnects once and both recover.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio' },
  duration: '22s',
  timeline: [{ at: '6s', do: { fault: 'serverClose' } }],
  expect: {
    sequences: [
      ['pusher#pusher 1002', 'network action', 'pusher#pusher 3004 within 1s', 'pusher#pusher 1102', 'pusher#pusher 1001', 'pusher#pusher 1002 within 2s'],
      ['player#monitor 2004', 'network action', 'player#monitor 2103', 'player#monitor 2004'],
      [
        { source: 'server', where: (d) => d.event === 'publish' },
        'network action',
        { source: 'server', where: (d) => d.event === 'unpublish', within: '1s' },
        { source: 'server', where: (d) => d.event === 'publish' },
      ],
    ],
    faults: [
      // One reconnect interval (3 s) and a connect, with slack for a loaded machine.
      {
        source: 'pusher#pusher',
        recoveryMs: { max: 6000 },
        reconnects: { min: 1, max: 1 },
        page: { field: 'pushStatus', states: ['reconnecting', 'pushing'] },
      },
      // The viewer may try once before the anchor is back ("not found"), so it may take two intervals.
      {
        source: 'player#monitor',
        recoveryMs: { max: 10_000 },
        reconnects: { min: 1, max: 2 },
        page: { field: 'playStatus', states: ['reconnecting', 'playing'] },
      },
    ],
    noStorm: { maxPerSecond: 3 },
    never: ['pusher#pusher -1307', 'player#monitor -2301'],
    page: { data: { pushStatus: 'pushing', playStatus: 'playing' } },
  },
});
