/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// Two projects: pure logic runs in node (fast); anything that renders a
// mini-program through miniprogram-simulate needs a DOM, so it runs in jsdom.
// Both environments carry the preset's teardown hooks (jest/environment-hooks.ts).
const transform: Config['transform'] = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
};

const config: Config = {
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: '<rootDir>/jest/node-environment.ts',
      transform,
      setupFilesAfterEnv: ['<rootDir>/jest/setup.ts'],
      testMatch: ['<rootDir>/{mocks,harness,bench,jest}/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.dom\\.test\\.ts$'],
    },
    {
      displayName: 'dom',
      testEnvironment: '<rootDir>/jest/environment.ts',
      transform,
      setupFilesAfterEnv: ['<rootDir>/jest/setup.ts'],
      testMatch: ['<rootDir>/{mocks,harness,jest}/**/*.dom.test.ts', '<rootDir>/scenarios/**/*.test.ts'],
    },
  ],
};

export default config;
