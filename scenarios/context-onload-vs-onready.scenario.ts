import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'a context called in onLoad does nothing; called from onReady on it works',
  description:
    'The page creates its LivePusherContext in onLoad (Q4): start() fails because the element does not exist yet. Created again in onReady it pushes.',
  setup: { page: 'pages/early/early', query: { retry: '1' } },
  duration: '5s',
  expect: {
    sequence: [
      { source: 'page', kind: 'lifecycle', where: (d) => d.name === 'onLoad' },
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' && d.ok === false },
      { source: 'page', kind: 'lifecycle', where: (d) => d.name === 'onReady' },
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' && d.ok === true },
      'pusher#pusher 1002',
    ],
    page: {
      data: {
        status: 'pushing',
        startError: "operateLivePusher:fail the <live-pusher> does not exist yet: the call came before the page's view (in onLoad?); call it from onReady on",
      },
    },
    warnings: {
      include: [
        "LivePusherContext.start() did nothing: the <live-pusher> does not exist yet: the call came before the page's view (in onLoad?); call it from onReady on. See docs/quirks.md#q4.",
      ],
    },
  },
});
