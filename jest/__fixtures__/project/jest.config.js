// A user's project in miniature: the one-line preset, nothing else.
// (moduleNameMapper stands in for node_modules/live-harness.)
module.exports = {
  rootDir: __dirname,
  preset: '<rootDir>/../../../jest-preset.js',
  moduleNameMapper: { '^live-harness$': '<rootDir>/../../../dist/index.js' },
};
