/**
 * The preset's test environment: jsdom (miniprogram-simulate renders pages in
 * it), plus the teardown nobody can forget (EnvironmentHooks). Users name it
 * through the preset; `testEnvironment: 'live-harness/dist/jest/environment'`
 * names it alone.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import JSDOMEnvironment from 'jest-environment-jsdom';
import { EnvironmentHooks } from './environment-hooks';

export default class LiveHarnessEnvironment extends JSDOMEnvironment {
  private readonly hooks: EnvironmentHooks;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.hooks = new EnvironmentHooks(this.global, context.testPath, config.projectConfig.rootDir);
  }

  async handleTestEvent(event: Circus.Event): Promise<void> {
    await this.hooks.handleTestEvent(event);
  }

  override async teardown(): Promise<void> {
    await this.hooks.teardown();
    await super.teardown();
  }
}

export const TestEnvironment = LiveHarnessEnvironment;
