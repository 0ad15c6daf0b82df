/**
 * The `automator-sim` target: scenarios driven through the real
 * miniprogram-automator client against AutomatorSim (page steps over
 * Page.* / Element.* / App.*, the world over LiveHarness.*).
 */
import { openAutomatorSimSession } from './automator-sim-session';
import type { Target } from './target';

export const automatorSim: Target = {
  name: 'automator-sim',
  capabilities: ['virtual-time', 'real-media'],
  open: openAutomatorSimSession,
};
