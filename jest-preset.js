// One line in a mini-program project's jest config: `preset: 'live-harness'`.
// Tests run in jsdom (miniprogram-simulate needs a DOM), with the mock
// <live-pusher>/<live-player> registered and the timeline matchers installed.
// The test environment is jsdom's plus teardown: a rig a test left open is
// disposed when the test ends (with a warning naming the test), also after a
// timeout, and the file's shared media server is stopped when the file ends.
module.exports = {
  testEnvironment: require.resolve('./dist/jest/environment.js'),
  setupFilesAfterEnv: [require.resolve('./dist/jest/setup.js')],
  // Real media runs in real time (a server, encoders, seconds of streaming),
  // well past jest's 5 s default; jest fixes a test's timeout before its body
  // runs, so it cannot depend on whether the body makes a real-media rig.
  // Virtual-time tests finish in milliseconds: the cap only matters for a hung
  // one. A testTimeout of your own, or a test's third argument, wins.
  testTimeout: 60_000,
  // jsdom's environment resolves packages' "browser" exports by default, so
  // miniprogram-automator's ws would get its browser stub and never connect to
  // automator-sim. A mini-program's app service is no browser either: node's
  // exports are what a script driving a session needs.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
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
