// One line in a mini-program project's jest config: `preset: 'live-harness'`.
// Tests run in jsdom (miniprogram-simulate needs a DOM), with the mock
// <live-pusher>/<live-player> registered and the timeline matchers installed.
module.exports = {
  testEnvironment: require.resolve('jest-environment-jsdom'),
  setupFilesAfterEnv: [require.resolve('./dist/jest/setup.js')],
};

// TypeScript and modern JavaScript in a user's tests, with no set-up of their
// own: the preset brings the swc transform. `await using rig = createRig()`
// needs explicit resource management, which Node 20 cannot parse; swc lowers
// it (Symbol.asyncDispose comes from live-harness itself, see
// dist/harness/dispose-symbols.js). A transform the user configures wins: jest
// merges the two maps and tries the user's patterns first. The user's .swcrc
// is left out so that the preset behaves the same in every project.
const swcJest = require.resolve('@swc/jest');
const swc = (parser) => [swcJest, { swcrc: false, jsc: { parser, target: 'es2022' } }];
module.exports.transform = {
  '^.+\\.[cm]?ts$': swc({ syntax: 'typescript' }),
  '^.+\\.tsx$': swc({ syntax: 'typescript', tsx: true }),
  '^.+\\.[cm]?js$': swc({ syntax: 'ecmascript', explicitResourceManagement: true }),
};
