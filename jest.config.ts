/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// Pure logic runs in node (fast); anything that renders a mini-program through
// miniprogram-simulate needs a DOM, so it runs in jsdom. Every environment
// carries the preset's teardown hooks (jest/environment-hooks.ts).
const transform: Config['transform'] = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
};

// Real media runs in real time: an HD encoder, a server and players per file,
// judged by real-time bounds (latency, rates, timeouts). Two such files side
// by side starve each other on a small machine, so these run one file at a
// time, apart from everything else (test-support/serial-runner.ts); the rest use
// jest's workers as usual (cores − 1: none on a 2-core machine, where jest
// runs in band). test-support/parallel-guard.ts fails a file missing from this list.
// Paths from the root; one ending in "/" is a folder.
const REAL_MEDIA = [
  'harness/media/',
  'harness/network/',
  'harness/cli/package.test.ts',
  'harness/cli/install.test.ts',
  'harness/cli/serve.test.ts',
  'harness/cli/run-media.test.ts',
  'harness/rig/latency.dom.test.ts',
  'harness/rig/adaptation.dom.test.ts',
  'harness/rig/uplink-cap.dom.test.ts',
  'harness/rig/already-publishing.dom.test.ts',
  'harness/rig/bandwidth.dom.test.ts',
  'harness/rig/two-phones.dom.test.ts',
  'harness/rig/fault-parity.dom.test.ts',
  'harness/rig/external-server.dom.test.ts',
  'harness/rig/lan.dom.test.ts',
  'harness/runner/teardown.dom.test.ts',
  'jest/preset-teardown.test.ts',
  'jest/preset-output.test.ts',
  'scenarios/media.test.ts',
  'harness/targets/target-parity-media.dom.test.ts',
  'harness/targets/automator-sim-teardown.dom.test.ts',
  'harness/automator-sim/launch-media.test.ts',
  // issue 9: automator-sim on real media standing in for a phone
  'harness/drivers/device-driver.dom.test.ts',
  'harness/targets/device.dom.test.ts',
  'harness/targets/devtools-media.dom.test.ts',
  // issue 13: audiences on the embedded server
  'harness/audience/audience.test.ts',
  'harness/cli/load-command.test.ts',
  // issue 12: results.json of a real-media run against its schema
  'harness/report/results-schema-media.dom.test.ts',
];
const isDom = (p: string): boolean => p.endsWith('.dom.test.ts') || p.startsWith('scenarios/');
const glob = (p: string): string => `<rootDir>/${p}${p.endsWith('/') ? '**/*.test.ts' : ''}`;
// Tests that need a browser run in `npm run test:e2e` (jest.e2e.config.ts), never here: npm test needs no browser.
const E2E = '\\.e2e\\.test\\.ts$';
const notRealMedia = [E2E, ...REAL_MEDIA.map((p) => `<rootDir>/${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)];
const serial = '<rootDir>/test-support/serial-runner.ts';
const setup = '<rootDir>/jest/setup.ts';

const config: Config = {
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: '<rootDir>/jest/node-environment.ts',
      transform,
      setupFilesAfterEnv: [setup, '<rootDir>/test-support/parallel-guard.ts'],
      testMatch: ['<rootDir>/{mocks,harness,bench,jest}/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.dom\\.test\\.ts$', ...notRealMedia],
    },
    {
      displayName: 'dom',
      testEnvironment: '<rootDir>/jest/environment.ts',
      transform,
      setupFilesAfterEnv: [setup, '<rootDir>/test-support/parallel-guard.ts'],
      testMatch: ['<rootDir>/{mocks,harness,jest}/**/*.dom.test.ts', '<rootDir>/scenarios/**/*.test.ts'],
      testPathIgnorePatterns: notRealMedia,
    },
    {
      displayName: 'media',
      testEnvironment: '<rootDir>/jest/node-environment.ts',
      transform,
      runner: serial,
      setupFilesAfterEnv: [setup],
      testMatch: REAL_MEDIA.filter((p) => !isDom(p)).map(glob),
      testPathIgnorePatterns: [E2E],
    },
    {
      displayName: 'media-dom',
      testEnvironment: '<rootDir>/jest/environment.ts',
      transform,
      runner: serial,
      setupFilesAfterEnv: [setup],
      testMatch: REAL_MEDIA.filter(isDom).map(glob),
      testPathIgnorePatterns: [E2E],
    },
  ],
};

export default config;
