/**
 * The same hooks over jest's node environment, for this project's own unit
 * tests (media servers, encoders, sockets: no pages). Not shipped: a user's
 * tests need jsdom.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';
import { EnvironmentHooks } from './environment-hooks';

export default class LiveHarnessNodeEnvironment extends NodeEnvironment {
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

export const TestEnvironment = LiveHarnessNodeEnvironment;
