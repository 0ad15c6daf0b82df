// One line in a mini-program project's jest config: `preset: 'live-harness'`.
// Tests run in jsdom (miniprogram-simulate needs a DOM), with the mock
// <live-pusher>/<live-player> registered and the timeline matchers installed.
module.exports = {
  testEnvironment: require.resolve('jest-environment-jsdom'),
  setupFilesAfterEnv: [require.resolve('./dist/jest/setup.js')],
};
