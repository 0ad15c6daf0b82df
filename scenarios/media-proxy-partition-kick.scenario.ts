import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: after a silent partition, a server that kicks the ghost lets the reconnect publish',
  description:
    'As in the "already publishing" scenario, a partition on the pusher’s path outlasts the read/write timeout and the server keeps the old publish as a ghost; this server’s policy is to kick the old publisher. The first reconnect after the partition meets the ghost (publish-taken, policy kick): the ghost is unpublished (its hang-up meets the phone’s reset), the newcomer publishes, and the pusher is back on air with one reconnect, no -1307.',
  needs: ['real-media'],
  setup: { page: 'pages/push/push', server: { publishTaken: 'kick' } },
  duration: '22s',
  timeline: [{ at: '4s', do: { fault: 'partition', forMs: 11_000 } }],
  expect: {
    sequences: [
      [
        'pusher#pusher 1002',
        { source: 'network', kind: 'action', where: (d) => d.action === 'partition' },
        { code: 3005, source: 'pusher#pusher', within: '11s', after: '7s' },
        'pusher#pusher 1102',
        { source: 'server', where: (d) => d.event === 'publish-taken' && d.policy === 'kick' && d.why === 'already publishing' },
        'pusher#pusher 1002 within 3s',
      ],
      // The server's own story; its events come over IPC, so they race the pusher's 1002 by a millisecond and are not ordered against it.
      [
        { source: 'server', where: (d) => d.event === 'publish-taken' },
        { source: 'server', where: (d) => d.event === 'unpublish', within: '2s' },
        { source: 'server', where: (d) => d.event === 'publish', within: '2s' },
      ],
      [
        { source: 'proxy', where: (d) => d.action === 'connection-ghosted' && (d.tags as { role?: string }).role === 'pusher' },
        { source: 'network', kind: 'action', where: (d) => d.action === 'restore' && d.fault === 'partition' },
        { source: 'server', where: (d) => d.event === 'publish-taken' },
        // The kick's hang-up reaches a phone that forgot the connection: the proxy answers it with a reset.
        { source: 'proxy', where: (d) => d.action === 'connection-closed' && d.how === 'ghost-reset', within: '3s' },
      ],
    ],
    faults: [
      // Not before the partition lifts (11 s); then one reconnect interval (3 s) after the timeout, and a connect, with slack for a loaded machine.
      {
        source: 'pusher#pusher',
        recoveryMs: { min: 11_000, max: 18_000 },
        reconnects: { min: 1, max: 1 },
        page: { field: 'status', states: ['reconnecting', 'pushing'] },
      },
    ],
    counts: [{ step: { source: 'server', where: (d) => d.event === 'publish-taken' }, exactly: 1 }],
    never: ['pusher#pusher -1307'],
    noStorm: { maxPerSecond: 3 },
    page: { data: { status: 'pushing', restarts: 0 } },
  },
});
