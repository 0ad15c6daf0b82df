/**
 * Everything a scenario observed, in the order it happened, stamped with the
 * clock the rig runs on (virtual ms since rig creation, or wall ms since start).
 */
export type EntryKind =
  | 'statechange'
  | 'netstatus'
  | 'error'
  | 'bgmstart'
  | 'bgmprogress'
  | 'bgmcomplete'
  | 'audiovolumenotify'
  | 'fullscreenchange'
  | 'enterpictureinpicture'
  | 'leavepictureinpicture'
  | 'castinguserselect'
  | 'castingstatechange'
  | 'castinginterrupt'
  | 'call' // a context method the page called (detail: {method, args, result})
  | 'lifecycle' // page lifecycle: onLoad, onReady, onShow, onHide, onUnload
  | 'setData' // data the page set (detail: the patch)
  | 'action' // something the rig did to the world: network cut, device background …
  | 'warning' // a console warning the mock raised about bad input
  | 'metric' // a measurement not delivered to the page: latency, buffer …
  | 'server' // what the media server saw: publish/play begin and end
  | 'plugin-event' // an event a plugin component sent the page (detail: {name, ...e.detail}): live-room-push PushEvent …
  | 'navigate' // a navigation the rig answered itself: the live-player-plugin room page (detail: room_id, custom_params …)
  | 'inject' // a code the test injected into a component (rig.inject)
  | 'audience'; // an audience's viewers joined or left, as counts (detail: {joined, left, watching})

export interface TimelineEntry {
  /** ms on the rig's clock */
  readonly t: number;
  /** `pusher#<id>`, `player#<id>`, `page`, `rig`, `server` */
  readonly source: string;
  readonly kind: EntryKind;
  /** status or error code, when the entry carries one */
  readonly code?: number;
  readonly detail?: unknown;
}

export type TimelineListener = (entry: TimelineEntry) => void;

export class Timeline implements Iterable<TimelineEntry> {
  private readonly items: TimelineEntry[] = [];
  private readonly listeners = new Set<TimelineListener>();

  record(entry: TimelineEntry): void {
    this.items.push(Object.freeze(entry));
    for (const l of this.listeners) l(entry);
  }

  /** Returns an unsubscribe function. */
  subscribe(listener: TimelineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get entries(): readonly TimelineEntry[] {
    return this.items;
  }

  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<TimelineEntry> {
    return this.items[Symbol.iterator]();
  }

  filter(pred: (e: TimelineEntry) => boolean): TimelineEntry[] {
    return this.items.filter(pred);
  }

  /** Entries carrying a status/error code, optionally only from one source. */
  codes(source?: string): number[] {
    return this.items.filter((e) => e.code !== undefined && (source === undefined || e.source === source)).map((e) => e.code as number);
  }

  /** Entries recorded at or after a mark (or an index), in order. */
  since(mark: { readonly index: number } | number): TimelineEntry[] {
    return this.items.slice(typeof mark === 'number' ? mark : mark.index);
  }

  /** A stable JSON form: the same seed must give the same string, byte for byte. */
  toJSON(): TimelineEntry[] {
    return this.items.slice();
  }
}
