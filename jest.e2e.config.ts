/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// `npm run test:e2e`: the tests that drive a real Chromium (*.e2e.test.ts), apart from `npm test`,
// which needs no browser. One file at a time: a browser beside real media starves a small machine.
// Files that render a mini-program page as well (*.dom.e2e.test.ts) get the preset's jsdom environment.
const transform: Config['transform'] = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
};
const setup = '<rootDir>/jest/setup.ts';

const config: Config = {
  testTimeout: 60_000,
  maxWorkers: 1,
  projects: [
    {
      displayName: 'e2e',
      testEnvironment: '<rootDir>/jest/node-environment.ts',
      transform,
      setupFilesAfterEnv: [setup],
      testMatch: ['<rootDir>/**/*.e2e.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.dom\\.e2e\\.test\\.ts$'],
    },
    {
      displayName: 'e2e-dom',
      testEnvironment: '<rootDir>/jest/environment.ts',
      transform,
      setupFilesAfterEnv: [setup],
      testMatch: ['<rootDir>/**/*.dom.e2e.test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};

export default config;
