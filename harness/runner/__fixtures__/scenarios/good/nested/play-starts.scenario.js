// A compiled (or hand-written) JavaScript scenario in a subfolder.
module.exports = {
  name: 'fixture: the play page starts playing',
  description: 'The play page connects to a live stream and begins to play.',
  setup: { page: 'pages/play/play', streams: [{ key: 'live/demo' }] },
  duration: '5s',
  expect: { sequence: ['player#player 2004'] },
};
