/**
 * The live components of one rig: its <live-pusher>/<live-player> element
 * definitions (registered under ids of their own, so two rigs never share an
 * element or a registry), the contexts page code creates, and the `wx`
 * functions that create them.
 */
import { createRequire } from 'node:module';
import { createContext, type ContextScope } from './contexts';
import { localEventPort, type EventPort } from './event-port';
import { liveElementDefinition } from './live-element';
import { ElementRegistry, type LiveHandle } from './registry';
import type { LiveRuntime } from './runtime';

/** The `wx` functions the live components add to a rig's mini-program. */
export interface LiveWx {
  /** The documented form takes no id (the page's only pusher, Q8); the common form takes (id, this). */
  createLivePusherContext(id?: string, scope?: ContextScope): Record<string, unknown>;
  createLivePlayerContext(id: string, scope?: ContextScope): Record<string, unknown>;
}

// j-component needs the DOM (jsdom, or installDom()) when it loads: required on first use, never at import time.
const lazyRequire = createRequire(__filename);

let instances = 0;

export class LiveComponents {
  readonly registry = new ElementRegistry();
  /** usingComponents entries that point a page's live tags at this rig's definitions */
  readonly tags: Readonly<Record<'live-pusher' | 'live-player', string>>;
  readonly wx: LiveWx;

  /** DevTools' live tags: they render and keep their attributes, run no model, emit nothing; their contexts do nothing. */
  readonly inert: boolean;

  constructor(
    readonly runtime: LiveRuntime,
    readonly port: EventPort = localEventPort,
    options: { readonly inert?: boolean } = {},
  ) {
    this.inert = options.inert ?? false;
    const n = ++instances;
    this.tags = { 'live-pusher': `live-harness-pusher-${n}`, 'live-player': `live-harness-player-${n}` };
    this.wx = {
      createLivePusherContext: (id, scope) => createContext(this, 'pusher', typeof id === 'string' ? id : undefined, scope),
      createLivePlayerContext: (id, scope) => createContext(this, 'player', id, scope),
    };
  }

  /** Register the element definitions with j-component (miniprogram-simulate's renderer). */
  register(): void {
    const jComponent = lazyRequire('j-component') as { register(def: Record<string, unknown>): string };
    jComponent.register(liveElementDefinition('pusher', this.tags['live-pusher'], this));
    jComponent.register(liveElementDefinition('player', this.tags['live-player'], this));
  }

  /** The elements attached right now. */
  get handles(): readonly LiveHandle[] {
    return this.registry.handles();
  }
}
