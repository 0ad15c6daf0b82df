/**
 * WeChat's 小程序直播 plugin `live-player-plugin` (components.md §6.2):
 * `requirePlugin('live-player-plugin')` with getLiveStatus (101–107),
 * getSubscribeStatus, getOpenid, getShareParams and the legacy getLiveParams;
 * the room page reached by navigating to
 * `plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=…`;
 * and the `subscribe` component.
 *
 * Rooms live in WeChat's backend, so the test drives them:
 * `rig.liveRooms.set(roomId, 'paused')`. A room left 'abnormal' (106) is
 * ended (103) 15 minutes later unless it recovers, as the docs say. The
 * documented polling rule (first call at once, then at least a minute apart,
 * per room) is enforced: a call that comes sooner is answered with the
 * previous answer and a warning.
 */
import type { Clock, TimerHandle } from '../time';
import { warn, type PluginHost } from './host';

export const LIVE_PLAYER_PLUGIN = 'live-player-plugin';
export const LIVE_PLAYER_PROVIDER = 'wx2b03c6e691cd7370';
export const ROOM_PAGE = `plugin-private://${LIVE_PLAYER_PROVIDER}/pages/live-player-plugin`;
export const SUBSCRIBE_PATH = `plugin-private://${LIVE_PLAYER_PROVIDER}/components/subscribe/subscribe`;

/** getLiveStatus codes by name (§6.2). */
export const LIVE_STATUS = {
  live: 101,
  'not-started': 102,
  ended: 103,
  banned: 104,
  paused: 105,
  abnormal: 106,
  expired: 107,
} as const;
export type LiveStatusName = keyof typeof LIVE_STATUS;

/** An abnormal room (106) that does not recover within this is ended (103). */
export const ABNORMAL_TIMEOUT_MS = 15 * 60_000;
/** The docs' polling interval for getLiveStatus after the first call. */
export const POLL_INTERVAL_MS = 60_000;
/** custom_params longer than this are cut by the plugin. */
export const CUSTOM_PARAMS_MAX = 600;

export class LiveRoomsError extends Error {
  readonly code = 'LH_LIVE_ROOMS';
  constructor(message: string) {
    super(message);
    this.name = 'LiveRoomsError';
  }
}

interface Room {
  status: number;
  subscribed: boolean;
  timer?: TimerHandle;
}

export interface RoomOptions {
  /** whether the user has subscribed to the room (getSubscribeStatus) */
  readonly subscribed?: boolean;
  /** an abnormal room comes back live after this many ms (before the 15 minutes run out) */
  readonly recoverAfterMs?: number;
}

export interface ShareEntry {
  readonly room_id: number;
  readonly share_openid: string;
  readonly custom_params?: Record<string, unknown> | string;
  /** the launch scene of the share card: 1007, 1008, 1044 (1154, 1155) */
  readonly scene?: number;
}

const SHARE_SCENES = [1007, 1008, 1044, 1154, 1155];

/** The rooms of 小程序直播 as the test sets them; `rig.liveRooms`. */
export class LiveRooms {
  /** the user's openid for this mini-program, as getOpenid answers */
  openid = 'oLiveHarnessUser000000000001';
  private readonly rooms = new Map<number, Room>();
  private share: ShareEntry | undefined;
  private readonly log: Array<{ atMs: number; room: number; status: number }> = [];

  constructor(private readonly clock: Clock) {}

  /**
   * Set a room's status now: a name ('live', 'paused', 'abnormal' …) or its
   * code (101–107). 'abnormal' turns 'ended' after 15 minutes unless it
   * recovers (`recoverAfterMs`, or a later set()).
   */
  set(roomId: number, status: LiveStatusName | number, opts: RoomOptions = {}): void {
    const code = typeof status === 'number' ? status : LIVE_STATUS[status];
    if (!Object.values(LIVE_STATUS).includes(code as never)) {
      const names = Object.keys(LIVE_STATUS).join(', ');
      throw new LiveRoomsError(
        `[live-harness] Failed to set live room ${roomId}: ${JSON.stringify(status)} is not a live status. Use one of ${names} (or 101–107).`,
      );
    }
    const room = this.rooms.get(roomId) ?? { status: code, subscribed: false };
    this.clock.clearTimer(room.timer);
    room.timer = undefined;
    room.status = code;
    if (opts.subscribed !== undefined) room.subscribed = opts.subscribed;
    this.rooms.set(roomId, room);
    this.log.push({ atMs: this.clock.now(), room: roomId, status: code });
    if (code === LIVE_STATUS.abnormal) {
      const recover = opts.recoverAfterMs;
      if (recover !== undefined && recover < ABNORMAL_TIMEOUT_MS) room.timer = this.clock.setTimer(recover, () => this.set(roomId, 'live'));
      else room.timer = this.clock.setTimer(ABNORMAL_TIMEOUT_MS, () => this.set(roomId, 'ended'));
    }
  }

  /** A room's status now, or undefined for a room the test never set. */
  status(roomId: number): number | undefined {
    return this.rooms.get(roomId)?.status;
  }

  subscribed(roomId: number): boolean {
    return this.rooms.get(roomId)?.subscribed ?? false;
  }

  /** @internal the subscribe component subscribed the user */
  subscribe(roomId: number): void {
    const room = this.rooms.get(roomId);
    if (room) room.subscribed = true;
    else this.rooms.set(roomId, { status: LIVE_STATUS['not-started'], subscribed: true });
  }

  /** The app was opened from a live room's share card (getShareParams answers from it). */
  enteredFromShare(entry: ShareEntry): void {
    this.share = { scene: 1007, ...entry };
  }

  get shared(): ShareEntry | undefined {
    return this.share;
  }

  /** Every status change, in order (for reports and tests). */
  get history(): ReadonlyArray<{ atMs: number; room: number; status: number }> {
    return this.log;
  }

  dispose(): void {
    for (const r of this.rooms.values()) this.clock.clearTimer(r.timer);
  }
}

type Answer = Record<string, unknown>;

/** requirePlugin('live-player-plugin'): answers from the rig's rooms, asynchronously as the plugin's promises do. */
export function livePlayerPluginApi(host: PluginHost, rooms: LiveRooms): Record<string, (arg?: Record<string, unknown>) => Promise<Answer>> {
  const source = `plugin:${LIVE_PLAYER_PLUGIN}`;
  const lastCall = new Map<number, { atMs: number; answer: Answer }>();
  const roomOf = (method: string, arg: Record<string, unknown> | undefined): number | undefined => {
    const id = Number(arg?.room_id);
    if (!Number.isFinite(id) || id <= 0) {
      warn(
        host,
        source,
        `[live-harness] livePlayer.${method}() needs { room_id }: got ${JSON.stringify(arg ?? null)}. Pass the room's numeric id, as in the 小程序直播 console.`,
      );
      return undefined;
    }
    return id;
  };
  const answer = (method: string, res: Answer): Promise<Answer> => {
    host.record({ source, kind: 'call', detail: { method, result: res } });
    return new Promise((resolve) => host.clock.setTimer(0, () => resolve(res)));
  };
  const reject = (method: string, errMsg: string): Promise<Answer> => {
    host.record({ source, kind: 'call', detail: { method, errMsg } });
    return new Promise((_, rej) => host.clock.setTimer(0, () => rej({ errMsg })));
  };
  return {
    getLiveStatus(arg) {
      const id = roomOf('getLiveStatus', arg);
      if (id === undefined) return reject('getLiveStatus', 'getLiveStatus:fail invalid room_id');
      const now = host.clock.now();
      const prev = lastCall.get(id);
      if (prev && now - prev.atMs < POLL_INTERVAL_MS) {
        warn(
          host,
          source,
          `[live-harness] livePlayer.getLiveStatus({ room_id: ${id} }) was called ${((now - prev.atMs) / 1000).toFixed(1)} s after the previous call; the docs ask for at least 60 s between calls after the first. It answered the previous status; poll at most once a minute.`,
          { room_id: id },
        );
        return answer('getLiveStatus', prev.answer);
      }
      const status = rooms.status(id);
      // A room_id the backend does not know answers liveStatus 0 (community reports, §6.2).
      if (status === undefined)
        warn(
          host,
          source,
          `[live-harness] livePlayer.getLiveStatus({ room_id: ${id} }): room ${id} was never set. Set it in the test: rig.liveRooms.set(${id}, 'live').`,
        );
      const res = { liveStatus: status ?? 0 };
      lastCall.set(id, { atMs: now, answer: res });
      return answer('getLiveStatus', res);
    },
    getSubscribeStatus(arg) {
      const id = roomOf('getSubscribeStatus', arg);
      if (id === undefined) return reject('getSubscribeStatus', 'getSubscribeStatus:fail invalid room_id');
      return answer('getSubscribeStatus', { room_id: id, openid: rooms.openid, is_subscribe: rooms.subscribed(id) });
    },
    getOpenid(arg) {
      const id = roomOf('getOpenid', arg);
      if (id === undefined) return reject('getOpenid', 'getOpenid:fail invalid room_id');
      return answer('getOpenid', { openid: rooms.openid });
    },
    getShareParams() {
      const s = rooms.shared;
      if (!s || !SHARE_SCENES.includes(s.scene ?? 0))
        return reject('getShareParams', 'getShareParams:fail the app was not opened from a live room share card (scenes 1007, 1008, 1044, 1154, 1155)');
      return answer('getShareParams', { room_id: s.room_id, openid: rooms.openid, share_openid: s.share_openid, custom_params: s.custom_params ?? {} });
    },
    getLiveParams(arg) {
      const id = roomOf('getLiveParams', arg);
      if (id === undefined) return reject('getLiveParams', 'getLiveParams:fail invalid room_id');
      const s = rooms.shared;
      return answer('getLiveParams', { share_openid: s?.share_openid ?? '', openid: rooms.openid, room_id: id, customParams: s?.custom_params ?? {} });
    },
  };
}

/** Whether a navigateTo url is the live room page of the plugin. */
export function isRoomPageUrl(url: unknown): url is string {
  return typeof url === 'string' && url.startsWith('plugin-private://') && url.split('?')[0] === ROOM_PAGE;
}

/**
 * What entering a room records: room_id, custom_params decoded (cut at 600
 * characters of its encoded form, as the plugin does), and the 小窗 flag.
 */
export function roomPageEntry(url: string): { room_id: number; custom_params?: string; truncated: boolean; close_picture_in_picture_mode: boolean } {
  const qs = url.split('?')[1] ?? '';
  const q = new Map<string, string>();
  for (const part of qs.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    q.set(part.slice(0, i < 0 ? undefined : i), i < 0 ? '' : part.slice(i + 1));
  }
  const raw = q.get('custom_params');
  const truncated = raw !== undefined && raw.length > CUSTOM_PARAMS_MAX;
  const kept = raw === undefined ? undefined : raw.slice(0, CUSTOM_PARAMS_MAX);
  return {
    room_id: Number(q.get('room_id')),
    ...(kept === undefined ? {} : { custom_params: safeDecode(kept) }),
    truncated,
    close_picture_in_picture_mode: q.get('close_picture_in_picture_mode') === '1',
  };
}

function safeDecode(s: string): string {
  // A cut can split a %XX escape: drop the broken tail, as a decoder that stops there would.
  for (let end = s.length; end >= Math.max(0, s.length - 2); end--) {
    try {
      return decodeURIComponent(s.slice(0, end));
    } catch {
      /* try a shorter cut */
    }
  }
  return s;
}

/** The `subscribe` component (§6.2): a button that subscribes the user to a room. */
export function subscribeDefinition(host: PluginHost, id: string, rooms: LiveRooms): Record<string, unknown> {
  return {
    id,
    tagName: 'wx-subscribe',
    // stop-propagation: the button catches the tap instead of letting it bubble to the page around it.
    template: ['catchtap', 'bindtap']
      .map(
        (bind, i) =>
          `<view wx:${i === 0 ? 'if="{{stopPropagation}}"' : 'else'} class="subscribe" data-custom-params="{{customParams}}" style="width:{{width}}px;height:{{height}}px;font-size:{{fontSize}}px;color:#{{color}};background-color:{{backgroundColor}}" ${bind}="_tap">{{label}}</view>`,
      )
      .join(''),
    properties: {
      roomId: { type: null, value: 0 },
      width: { type: null, value: 120 },
      height: { type: null, value: 41 },
      fontSize: { type: null, value: 17 },
      color: { type: String, value: 'FFFFFF' },
      backgroundColor: { type: String, value: '#6467F0' },
      customParams: { type: String, value: '' },
      stopPropagation: { type: Boolean, value: false },
    },
    data: { label: '订阅' },
    methods: {
      _tap(this: { data: Record<string, unknown>; setData(p: object): void; triggerEvent(n: string, d: unknown, o?: object): void }) {
        const roomId = Number(this.data.roomId);
        if (!Number.isFinite(roomId) || roomId <= 0) {
          warn(
            host,
            `plugin:${LIVE_PLAYER_PLUGIN}`,
            `[live-harness] <subscribe> has no room-id (got ${JSON.stringify(this.data.roomId)}). Set room-id="{{roomId}}".`,
          );
          return;
        }
        rooms.subscribe(roomId);
        this.setData({ label: '已订阅' });
        host.record({ source: `subscribe#${roomId}`, kind: 'plugin-event', detail: { name: 'subscribe', room_id: roomId } });
        // Fields beyond room_id are UNCONFIRMED (§6.2).
        this.triggerEvent('subscribe', { room_id: roomId, openid: rooms.openid, is_subscribe: true });
      },
    },
  };
}
