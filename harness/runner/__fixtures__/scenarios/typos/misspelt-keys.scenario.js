// The typos a first hour produces, each once: the loader must name them all.
module.exports = {
  name: 'misspelt keys',
  description: 'A play story with its keys misspelt at every depth.',
  setup: { page: 'pages/play/play', strams: [{ key: 'live/demo' }] },
  duration: '10s',
  timline: [{ at: '5s', do: 'cut-network' }],
  expect: {
    sequnce: ['player#player 2004'],
    nevr: [-2301],
    page: { txt: { '#status': 'playing' } },
  },
};
