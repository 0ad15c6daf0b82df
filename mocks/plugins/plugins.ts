/**
 * The mini-program plugins a rig can stand in for, found as the WeChat client
 * finds them: app.json "plugins" maps an alias to a provider appid; a page's
 * usingComponents names `plugin://<alias>/<component>` (or
 * `plugin-private://<appid>/…`); page code calls `requirePlugin(alias)`.
 * A plugin path the harness does not model gets a warning that names the
 * plugin and what is supported, never a silent empty tag.
 */
import { createRequire } from 'node:module';
import { type PluginHost, warn } from './host';
import {
  isRoomPageUrl,
  LIVE_PLAYER_PLUGIN,
  LIVE_PLAYER_PROVIDER,
  LiveRooms,
  livePlayerPluginApi,
  roomPageEntry,
  SUBSCRIBE_PATH,
  subscribeDefinition,
} from './live-player-plugin';
import {
  LIVE_ROOM_COMPONENTS,
  LIVE_ROOM_PLUGIN,
  LIVE_ROOM_PROVIDER,
  LiveRoomInstances,
  LiveRoomPluginControl,
  liveRoomDefinitions,
  type LiveRoomComponent,
} from './live-room-plugin';

/** An app.json "plugins" entry. */
export interface DeclaredPlugin {
  readonly provider?: string;
  readonly version?: string;
}

export type DeclaredPlugins = ReadonlyMap<string, DeclaredPlugin>;

/** What the harness models, by provider appid. */
export const SUPPORTED_PLUGINS: Readonly<Record<string, { readonly name: string; readonly components: readonly string[]; readonly api: boolean }>> = {
  [LIVE_ROOM_PROVIDER]: { name: LIVE_ROOM_PLUGIN, components: LIVE_ROOM_COMPONENTS, api: true },
  [LIVE_PLAYER_PROVIDER]: { name: LIVE_PLAYER_PLUGIN, components: ['components/subscribe/subscribe'], api: true },
};

export class PluginError extends Error {
  readonly code = 'LH_PLUGIN';
  constructor(message: string) {
    super(message);
    this.name = 'PluginError';
  }
}

const lazyRequire = createRequire(__filename);
let instances = 0;

function supportedList(): string {
  return Object.entries(SUPPORTED_PLUGINS)
    .map(([appid, s]) => `${s.name} (${appid}: ${s.components.join(', ')}${s.api ? ', requirePlugin' : ''})`)
    .join('; ');
}

export class MiniProgramPlugins {
  /** 小程序直播 rooms, driven by the test */
  readonly liveRooms: LiveRooms;
  /** the cloud-live plugin's whitelist check, decided by the test */
  readonly liveRoomPlugin = new LiveRoomPluginControl();
  private readonly liveRoomInstances = new LiveRoomInstances();
  private readonly ids: Readonly<Record<LiveRoomComponent | 'subscribe', string>>;
  private registered = false;
  private readonly warned = new Set<string>();

  constructor(private readonly host: PluginHost) {
    const n = ++instances;
    this.liveRooms = new LiveRooms(host.clock);
    this.ids = {
      'live-room-push': `live-harness-live-room-push-${n}`,
      'live-room-play': `live-harness-live-room-play-${n}`,
      subscribe: `live-harness-subscribe-${n}`,
    };
  }

  /** Register the plugin components with j-component (needs the DOM: called with the first page). */
  register(): void {
    if (this.registered) return;
    this.registered = true;
    const jComponent = lazyRequire('j-component') as { register(def: Record<string, unknown>): string };
    for (const def of liveRoomDefinitions(this.host, this.ids, this.liveRoomPlugin, this.liveRoomInstances)) jComponent.register(def);
    jComponent.register(subscribeDefinition(this.host, this.ids.subscribe, this.liveRooms));
  }

  /**
   * The registered component for a usingComponents path, or undefined (with
   * a warning) when the path names a plugin app.json does not declare, or one
   * the harness does not model.
   */
  resolveComponent(path: string, declared: DeclaredPlugins, from: string): string | undefined {
    this.register();
    const m = /^plugin(-private)?:\/\/([^/]+)\/(.+)$/.exec(path);
    if (!m) return undefined;
    const [, priv, who, component] = m;
    const provider = priv ? who : declared.get(who)?.provider;
    if (!priv && !declared.has(who)) {
      this.warnOnce(
        path,
        `[live-harness] ${from} uses "${path}", but app.json declares no plugin "${who}". The WeChat client refuses it; add "plugins": { "${who}": { "version": "…", "provider": "<appid>" } } to app.json. Modelled plugins: ${supportedList()}.`,
      );
      return undefined;
    }
    const supported = provider ? SUPPORTED_PLUGINS[provider] : undefined;
    if (provider === LIVE_ROOM_PROVIDER && (LIVE_ROOM_COMPONENTS as readonly string[]).includes(component)) return this.ids[component as LiveRoomComponent];
    if (provider === LIVE_PLAYER_PROVIDER && `plugin-private://${provider}/${component}` === SUBSCRIBE_PATH) return this.ids.subscribe;
    const what = supported
      ? `the ${supported.name} plugin has no component "${component}" the harness models (it models ${supported.components.join(', ')})`
      : `plugin "${who}"${provider && provider !== who ? ` (provider ${provider})` : ''} is not one the harness models`;
    this.warnOnce(path, `[live-harness] ${from} uses "${path}": ${what}. The tag renders empty and emits nothing. Modelled plugins: ${supportedList()}.`);
    return undefined;
  }

  /** requirePlugin(alias or appid) as page code calls it. */
  require(name: string, declared: DeclaredPlugins): unknown {
    const provider = declared.get(name)?.provider ?? ([...declared.values()].some((d) => d.provider === name) ? name : undefined);
    if (!provider) {
      const aliases = [...declared.keys()];
      throw new PluginError(
        `[live-harness] Failed to requirePlugin(${JSON.stringify(name)}): app.json declares no such plugin${aliases.length ? ` (it declares ${aliases.join(', ')})` : ''}. Add "plugins": { "${name}": { "version": "…", "provider": "<appid>" } } to app.json, as the WeChat client requires.`,
      );
    }
    this.host.record({ source: `plugin:${name}`, kind: 'call', detail: { method: 'requirePlugin', provider } });
    if (provider === LIVE_ROOM_PROVIDER) return this.liveRoomInstances.api(this.host);
    if (provider === LIVE_PLAYER_PROVIDER) return livePlayerPluginApi(this.host, this.liveRooms);
    throw new PluginError(
      `[live-harness] Failed to requirePlugin(${JSON.stringify(name)}): provider ${provider} is not a plugin the harness models. Modelled plugins: ${supportedList()}.`,
    );
  }

  /**
   * wx.navigateTo with the plugin's room page: recorded (room_id,
   * custom_params cut at 600 characters) and answered; any other url goes to `next`.
   */
  navigateTo(next: ((o: Record<string, unknown>) => unknown) | undefined): (o?: Record<string, unknown>) => unknown {
    return (o = {}) => {
      if (!isRoomPageUrl(o.url)) return next?.(o);
      const entry = roomPageEntry(o.url);
      const source = `plugin:${LIVE_PLAYER_PLUGIN}`;
      this.host.record({ source, kind: 'navigate', detail: { url: o.url, ...entry } });
      if (entry.truncated)
        warn(
          this.host,
          source,
          `[live-harness] navigateTo the live room ${entry.room_id}: custom_params is longer than 600 characters (encoded); the plugin cuts it there. Keep custom_params short.`,
        );
      const res = { errMsg: 'navigateTo:ok' };
      const cb = o as { success?: (r: unknown) => void; complete?: (r: unknown) => void };
      const callbacks = typeof cb.success === 'function' || typeof cb.complete === 'function';
      if (!callbacks) return Promise.resolve(res);
      void Promise.resolve().then(() => (cb.success?.(res), cb.complete?.(res)));
      return undefined;
    };
  }

  dispose(): void {
    this.liveRooms.dispose();
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    warn(this.host, 'plugins', message);
  }
}
