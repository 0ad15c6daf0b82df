import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a phone offline past the retry budget gives up on time, the page restarts the push, and it recovers',
  description:
    'The network goes for 13 s: three reconnects fail (3 s apart, Q1), the pusher gives up with -1307, the page restarts it itself, and once the network is back the restarted push gets through.',
  needs: ['real-media'],
  setup: { page: 'pages/push/push' },
  duration: '32s',
  timeline: [{ at: '5s', do: { fault: 'cut', forMs: 13_000 } }],
  expect: {
    sequence: [
      'pusher#pusher 1002',
      'network action',
      'pusher#pusher 3005 within 1s',
      'pusher#pusher 1102',
      'pusher#pusher -1307',
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' },
      'pusher#pusher 1001',
      'pusher#pusher 1002 within 2s',
    ],
    faults: [
      {
        source: 'pusher#pusher',
        fault: { source: 'network', kind: 'action', where: (d) => d.action === 'cut' },
        // Three intervals of 3 s (reconnectIntervalMs × reconnectAttempts), then -1307; slack for timers on a loaded machine.
        giveUpMs: { min: 8500, max: 12_000 },
        reconnects: { min: 3, max: 3 },
        // The network returns 13 s after the cut; the restarted push retries every 3 s, so it is back within one interval and a connect.
        recoveryMs: { min: 13_000, max: 20_000 },
        page: { field: 'status', states: ['reconnecting', 'restarting', 'pushing'] },
      },
    ],
    // The busiest second is the give-up: the last attempt's 3001, then the restarted push's first 3001 and its 1102.
    noStorm: { maxPerSecond: 3 },
    counts: [{ step: 'pusher#pusher -1307', exactly: 1 }],
    page: { data: { status: 'pushing', restarts: 1 } },
  },
});
