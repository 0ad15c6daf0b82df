// JavaScript on purpose: under plain Node the scenario loader fails on a folder's second .ts file ("Unexpected token '{'"), a loader bug of its own.
module.exports = {
  name: 'fixture: real media that fails',
  description: 'The studio pushes; the scenario wrongly expects it never to.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio' },
  duration: '3s',
  expect: { never: ['pusher#pusher 1002'] },
};
