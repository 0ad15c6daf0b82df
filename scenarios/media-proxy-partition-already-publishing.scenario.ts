import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a silent partition leaves a ghost publish, and the server rejects the reconnect as "already publishing"',
  description:
    'The pusher’s path goes silent (a partition on the fault proxy) for longer than the read/write timeout: the pusher times out (3005) and hangs up, but its hang-up is lost in the partition, so the server keeps the old publish session (a ghost). Once the path is back, each reconnect meets the ghost: the server rejects it (publish-taken, policy reject), the pusher hears 3004, and after its three attempts gives up with -1307; the page restarts the push. The ghost is never unpublished meanwhile.',
  needs: ['real-media'],
  setup: { page: 'pages/push/push', server: { publishTaken: 'reject' } },
  duration: '28s',
  // 11 s: the read/write timeout (8 s) fires inside the partition with 3 s to spare; the first reconnect (3 s after it) comes as it lifts.
  timeline: [{ at: '4s', do: { fault: 'partition', forMs: 11_000 } }],
  expect: {
    sequences: [
      [
        'pusher#pusher 1002',
        { source: 'network', kind: 'action', where: (d) => d.action === 'partition' },
        // Nothing is acknowledged: the send queue backs up until the read/write timeout.
        { code: 3005, source: 'pusher#pusher', within: '11s', after: '7s' },
        'pusher#pusher 1102',
        'pusher#pusher 3004',
        'pusher#pusher 1102',
        'pusher#pusher 3004',
        'pusher#pusher 1102',
        'pusher#pusher 3004',
        'pusher#pusher -1307',
        { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start', label: 'the page restarts the push' },
      ],
      [
        { source: 'network', kind: 'action', where: (d) => d.action === 'partition' },
        // The phone gave up on its publish inside the partition: the proxy kept the server's side open.
        { source: 'proxy', where: (d) => d.action === 'connection-ghosted' && (d.tags as { role?: string }).role === 'pusher' },
        { source: 'network', kind: 'action', where: (d) => d.action === 'restore' && d.fault === 'partition' },
        // Its events come over IPC: they race the pusher's 3004 by a millisecond, so they are not ordered against it.
        { source: 'server', where: (d) => d.event === 'publish-taken' && d.policy === 'reject' && d.why === 'already publishing' },
      ],
    ],
    counts: [
      // Every reconnect reached the server and was refused there, not lost on the way.
      { step: { source: 'server', where: (d) => d.event === 'publish-taken' }, min: 3 },
      // The ghost held the key all along: nothing was unpublished.
      { step: { source: 'server', where: (d) => d.event === 'unpublish' }, exactly: 0 },
      { step: 'pusher#pusher -1307', min: 1 },
    ],
    noStorm: { maxPerSecond: 3 },
  },
});
