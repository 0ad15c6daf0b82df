/**
 * The `automator-sim` target: scenarios driven through the real
 * miniprogram-automator client against AutomatorSim (page steps over
 * Page.* / Element.* / App.*, the world over LiveHarness.*). The client, the
 * server and ws load when a session opens, not with the package.
 */
import type { Session, SessionOptions, Target } from './target';

export const automatorSim: Target = {
  name: 'automator-sim',
  capabilities: ['virtual-time', 'real-media'],
  async open(o: SessionOptions): Promise<Session> {
    const { openAutomatorSimSession } = await import('./automator-sim-session');
    return openAutomatorSimSession(o);
  },
};
