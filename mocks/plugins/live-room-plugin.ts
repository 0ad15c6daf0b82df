/**
 * Tencent Cloud's 小程序·云直播 plugin `liveRoomPlugin` (components.md §6.1):
 * `<live-room-push>` and `<live-room-play>` under
 * `plugin://liveRoomPlugin/live-room-push|play`, and
 * `requirePlugin('liveRoomPlugin').instance.getLiveRoomInstance()` /
 * `.getLiveRoomPushInstance()`.
 *
 * Each component wraps the rig's own <live-pusher>/<live-player>: the
 * behaviour is the one model's, the plugin only renames properties, applies
 * its own defaults (push: mode "SD", autopush true) and re-emits the tag's
 * events as the plugin's (bindPushEvent/bindPlayEvent with WeChat codes,
 * bindNetStatus, bindError, bindAttachedEvent).
 *
 * The whitelist check (tag `error`, code -1) runs when the component
 * attaches: it fails when liveAppID is missing, or when the test refused it
 * (`rig.liveRoomPlugin.refuse(reason)`). The shapes of the plugin's event
 * details beyond `tag` and `code` are UNCONFIRMED; the built-in IM
 * (sdkAppId/userID … and bindIMEvent) is not modelled: its properties are
 * accepted and nothing is sent.
 */
import { warn, type PluginHost } from './host';

export const LIVE_ROOM_PLUGIN = 'liveRoomPlugin';
export const LIVE_ROOM_PROVIDER = 'wx95a7d2b78cf30f98';
export const LIVE_ROOM_COMPONENTS = ['live-room-push', 'live-room-play'] as const;
export type LiveRoomComponent = (typeof LIVE_ROOM_COMPONENTS)[number];

type Prop = { type: unknown; value: unknown };
const p = (type: unknown, value: unknown): Prop => ({ type, value });

/** IM properties both components take (not modelled: no IM server here). */
const IM_PROPS: Record<string, Prop> = {
  sdkAppId: p(String, ''),
  userID: p(String, 'not set'),
  userSig: p(String, 'not set'),
  roomID: p(String, 'not set'),
  nickName: p(String, 'not set'),
  avatar: p(String, 'not set'),
};

/** live-room-push properties and defaults, as the plugin's table gives them. */
export const LIVE_ROOM_PUSH_PROPS: Record<string, Prop> = {
  liveAppID: p(null, 0),
  pushUrl: p(String, ''),
  version: p(null, 1),
  orientation: p(String, 'vertical'),
  muted: p(Boolean, false),
  mode: p(String, 'SD'),
  waitingImage: p(String, ''),
  enableCamera: p(Boolean, true),
  beauty: p(null, 0),
  whiteness: p(null, 0),
  backgroundMute: p(Boolean, false),
  debug: p(Boolean, false),
  autoFocus: p(Boolean, true),
  aspect: p(String, '9:16'),
  minBitrate: p(null, 200),
  maxBitrate: p(null, 1000),
  zoom: p(Boolean, false),
  devicePosition: p(String, 'front'),
  audioQuality: p(String, 'high'),
  mirror: p(Boolean, false),
  autopush: p(Boolean, true),
  ...IM_PROPS,
};

/** live-room-play properties and defaults. */
export const LIVE_ROOM_PLAY_PROPS: Record<string, Prop> = {
  liveAppID: p(null, 0),
  playUrl: p(String, ''),
  version: p(null, 1),
  mode: p(String, 'live'),
  orientation: p(String, 'vertical'),
  objectFit: p(String, 'contain'),
  minCache: p(null, 1),
  maxCache: p(null, 3),
  muted: p(Boolean, false),
  debug: p(Boolean, false),
  soundMode: p(String, 'speaker'),
  autoplay: p(Boolean, false),
  autopause: p(Boolean, true),
  ...IM_PROPS,
};

export const LIVE_ROOM_PUSH_METHODS = [
  'start',
  'stop',
  'snapshot',
  'switchCamera',
  'toggleTorch',
  'playBGM',
  'stopBGM',
  'pauseBGM',
  'resumeBGM',
  'setBGMVolume',
  'startPreview',
  'stopPreview',
] as const;
export const LIVE_ROOM_PLAY_METHODS = ['start', 'stop', 'requestFullScreen', 'pause', 'resume', 'mute'] as const;

/** The plugin's event names as the page binds them (bindPushEvent → "PushEvent"). */
export const LIVE_ROOM_EVENTS = {
  push: ['PushEvent', 'NetStatus', 'Error', 'BgmStart', 'BgmProgress', 'BgmComplete', 'AttachedEvent', 'IMEvent'],
  play: ['PlayEvent', 'fullscreenChangeEvent', 'NetStatus', 'AttachedEvent', 'IMEvent'],
} as const;

const PUSH_TEMPLATE =
  '<live-pusher id="live-room-push" url="{{pushUrl}}" mode="{{mode}}" autopush="{{false}}" muted="{{muted}}" enable-camera="{{enableCamera}}"' +
  ' orientation="{{orientation}}" beauty="{{beauty}}" whiteness="{{whiteness}}" aspect="{{aspect}}" min-bitrate="{{minBitrate}}" max-bitrate="{{maxBitrate}}"' +
  ' audio-quality="{{audioQuality}}" waiting-image="{{waitingImage}}" zoom="{{zoom}}" device-position="{{devicePosition}}" background-mute="{{backgroundMute}}"' +
  ' auto-focus="{{autoFocus}}" mirror="{{mirror}}" debug="{{debug}}"' +
  ' bindstatechange="_onState" bindnetstatus="_onNet" binderror="_onError" bindbgmstart="_onBgmStart" bindbgmprogress="_onBgmProgress" bindbgmcomplete="_onBgmComplete"><slot/></live-pusher>';

const PLAY_TEMPLATE =
  '<live-player id="live-room-play" src="{{playUrl}}" mode="{{mode}}" autoplay="{{false}}" muted="{{muted}}" orientation="{{orientation}}"' +
  ' object-fit="{{objectFit}}" min-cache="{{minCache}}" max-cache="{{maxCache}}" sound-mode="{{soundMode}}" auto-pause-if-navigate="{{autopause}}" debug="{{debug}}"' +
  ' bindstatechange="_onState" bindnetstatus="_onNet" bindfullscreenchange="_onFullScreen"><slot/></live-player>';

interface Caller {
  id?: string;
  data: Record<string, unknown>;
  triggerEvent(name: string, detail: unknown, options?: unknown): void;
  selectComponent?(selector: string): unknown;
  __lr?: { ctx: Record<string, (o?: object) => void> | undefined; whitelisted: boolean | undefined; source: string };
  [method: string]: unknown;
}

type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

/** What the test decides about the whitelist check; the rig's `liveRoomPlugin` control. */
export class LiveRoomPluginControl {
  private refusal: string | undefined;

  /** Make the next whitelist checks fail with `reason` (tag error, code -1). */
  refuse(reason = 'the domain is not on the plugin whitelist'): void {
    this.refusal = reason;
  }

  /** Let whitelist checks pass again (liveAppID is still required). */
  accept(): void {
    this.refusal = undefined;
  }

  /** @internal why the whitelist check fails for these properties, or undefined when it passes */
  check(data: Record<string, unknown>, urlKey: string): string | undefined {
    if (this.refusal) return this.refusal;
    const appId = Number(data.liveAppID);
    if (!Number.isFinite(appId) || appId <= 0) return `liveAppID is required (got ${JSON.stringify(data.liveAppID)})`;
    if (typeof data[urlKey] !== 'string' || data[urlKey] === '') return `${urlKey} is required`;
    return undefined;
  }
}

/** The live-room components attached in one rig, newest last: what `plugin.instance` hands out. */
export class LiveRoomInstances {
  readonly push: Caller[] = [];
  readonly play: Caller[] = [];

  /** requirePlugin('liveRoomPlugin') */
  api(host: PluginHost): { instance: { getLiveRoomInstance(): unknown; getLiveRoomPushInstance(): unknown } } {
    const latest = (list: Caller[], what: string): unknown => {
      const c = list[list.length - 1];
      if (!c)
        warn(
          host,
          `plugin:${LIVE_ROOM_PLUGIN}`,
          `[live-harness] requirePlugin("${LIVE_ROOM_PLUGIN}").instance.${what}() found no <${what === 'getLiveRoomInstance' ? 'live-room-play' : 'live-room-push'}> on the page. Call it once the page is ready (onReady).`,
        );
      return c;
    };
    return {
      instance: {
        getLiveRoomInstance: () => latest(this.play, 'getLiveRoomInstance'),
        getLiveRoomPushInstance: () => latest(this.push, 'getLiveRoomPushInstance'),
      },
    };
  }
}

/** j-component definitions of live-room-push and live-room-play over the rig's live tags. */
export function liveRoomDefinitions(
  host: PluginHost,
  ids: Readonly<Record<LiveRoomComponent, string>>,
  control: LiveRoomPluginControl,
  instances: LiveRoomInstances,
): Record<string, unknown>[] {
  return [definition(host, 'push', ids['live-room-push'], control, instances), definition(host, 'play', ids['live-room-play'], control, instances)];
}

function definition(
  host: PluginHost,
  kind: 'push' | 'play',
  id: string,
  control: LiveRoomPluginControl,
  instances: LiveRoomInstances,
): Record<string, unknown> {
  const push = kind === 'push';
  const tag = push ? 'live-room-push' : 'live-room-play';
  const urlKey = push ? 'pushUrl' : 'playUrl';
  const list = push ? instances.push : instances.play;
  const props = push ? LIVE_ROOM_PUSH_PROPS : LIVE_ROOM_PLAY_PROPS;
  const properties: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(props)) {
    properties[name] = {
      ...spec,
      observer(this: Caller, value: unknown) {
        // autopush/autoplay: a url that arrives after insertion starts the stream, as the tags do.
        if (name === urlKey && value && this.__lr?.whitelisted && this.data[push ? 'autopush' : 'autoplay']) autostart(this);
      },
    };
  }
  const event = (self: Caller, name: string, detail: Record<string, unknown>): void => {
    const code = typeof detail.code === 'number' ? detail.code : undefined;
    host.record({ source: self.__lr?.source ?? tag, kind: 'plugin-event', code, detail: { name, ...detail } });
    self.triggerEvent(name, detail);
  };
  const autostart = (self: Caller): void => {
    const ctx = self.__lr?.ctx;
    if (ctx) ctx[push ? 'start' : 'play']?.({});
  };
  const methods: Record<string, unknown> = {
    _onState(this: Caller, e: { detail: { code: number; message?: string } }) {
      event(this, push ? 'PushEvent' : 'PlayEvent', { tag: push ? 'pushEvent' : 'playEvent', code: e.detail.code, message: e.detail.message ?? '' });
    },
    _onNet(this: Caller, e: { detail: { info: unknown } }) {
      event(this, 'NetStatus', { info: e.detail.info });
    },
    _onError(this: Caller, e: { detail: { errCode: number; errMsg: string } }) {
      event(this, 'Error', { tag: 'error', code: e.detail.errCode, errMsg: e.detail.errMsg });
    },
    _onBgmStart(this: Caller, e: { detail: Record<string, unknown> }) {
      event(this, 'BgmStart', { ...e.detail });
    },
    _onBgmProgress(this: Caller, e: { detail: Record<string, unknown> }) {
      event(this, 'BgmProgress', { ...e.detail });
    },
    _onBgmComplete(this: Caller, e: { detail: Record<string, unknown> }) {
      event(this, 'BgmComplete', { ...e.detail });
    },
    _onFullScreen(this: Caller, e: { detail: Record<string, unknown> }) {
      event(this, 'fullscreenChangeEvent', { ...e.detail });
    },
  };
  const names = push ? LIVE_ROOM_PUSH_METHODS : LIVE_ROOM_PLAY_METHODS;
  for (const m of names) {
    methods[m] = function (this: Caller, arg?: unknown) {
      const o: Callbacks & Record<string, unknown> = arg && typeof arg === 'object' ? (arg as Callbacks & Record<string, unknown>) : {};
      const lr = this.__lr;
      host.record({ source: lr?.source ?? tag, kind: 'call', detail: { method: m, plugin: LIVE_ROOM_PLUGIN } });
      if (!lr?.ctx || lr.whitelisted === false) {
        const res = { errMsg: `${m}:fail ${lr?.whitelisted === false ? 'the whitelist check failed (code -1)' : `the <${tag}> is not attached`}` };
        void Promise.resolve().then(() => (o.fail?.(res), o.complete?.(res)));
        return;
      }
      // The plugin's methods are the context's under the plugin's names.
      if (!push && m === 'start') return lr.ctx.play?.(o);
      if (!push && m === 'requestFullScreen') return arg === false ? lr.ctx.exitFullScreen?.({}) : lr.ctx.requestFullScreen?.({});
      return lr.ctx[m]?.(o);
    };
  }
  return {
    id,
    tagName: `wx-${tag}`,
    template: push ? PUSH_TEMPLATE : PLAY_TEMPLATE,
    usingComponents: { [push ? 'live-pusher' : 'live-player']: host.tags[push ? 'live-pusher' : 'live-player'] },
    properties,
    options: { multipleSlots: true },
    methods,
    lifetimes: {
      attached(this: Caller) {
        const source = `${tag}#${this.id || tag}`;
        this.__lr = { ctx: undefined, whitelisted: undefined, source };
        list.push(this);
        host.record({ source, kind: 'lifecycle', detail: { name: 'attached', plugin: LIVE_ROOM_PLUGIN } });
      },
      ready(this: Caller) {
        const lr = this.__lr;
        if (!lr) return;
        lr.ctx = (push ? host.wx.createLivePusherContext(tag, this) : host.wx.createLivePlayerContext(tag, this)) as Record<string, (o?: object) => void>;
        event(this, 'AttachedEvent', {});
        // The whitelist check is a request to Tencent's servers: it answers a moment later.
        host.clock.setTimer(50, () => {
          if (!list.includes(this)) return;
          const refusal = control.check(this.data, urlKey);
          lr.whitelisted = refusal === undefined;
          if (refusal !== undefined) {
            event(this, push ? 'Error' : 'PlayEvent', { tag: 'error', code: -1, detail: refusal });
            return;
          }
          if (this.data[push ? 'autopush' : 'autoplay'] && this.data[urlKey]) autostart(this);
        });
      },
      detached(this: Caller) {
        const i = list.indexOf(this);
        if (i >= 0) list.splice(i, 1);
        host.record({ source: this.__lr?.source ?? tag, kind: 'lifecycle', detail: { name: 'detached', plugin: LIVE_ROOM_PLUGIN } });
      },
    },
  };
}
