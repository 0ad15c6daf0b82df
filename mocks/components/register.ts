/**
 * Put the mocks where miniprogram-simulate looks for built-in tags, and the
 * context factories on `wx`. miniprogram-simulate registers empty shells for
 * live-pusher/live-player when it loads; registering after it replaces them.
 */
import { createLivePlayerContext, createLivePusherContext } from './contexts';
import { liveElementDefinition } from './live-element';

let done = false;

export function registerLiveComponents(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('miniprogram-simulate');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jComponent = require('j-component') as { register(def: Record<string, unknown>): string };
  const g = globalThis as unknown as { wx?: Record<string, unknown> };
  g.wx = g.wx ?? {};
  g.wx.createLivePusherContext = createLivePusherContext;
  g.wx.createLivePlayerContext = createLivePlayerContext;
  if (done) return;
  for (const kind of ['pusher', 'player'] as const) {
    const def = liveElementDefinition(kind);
    jComponent.register({ ...def, id: `live-${kind}` });
  }
  done = true;
}
