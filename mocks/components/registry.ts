/** The live elements attached in one rig, so that its contexts can find them by id. */
import type { PlayerModel, PusherModel } from '../model';

export interface PusherHandle {
  readonly kind: 'pusher';
  readonly id: string;
  readonly source: string;
  readonly model: PusherModel;
  /** the page or component whose template holds the element */
  readonly owner: unknown;
}

export interface PlayerHandle {
  readonly kind: 'player';
  readonly id: string;
  readonly source: string;
  readonly model: PlayerModel;
  readonly owner: unknown;
}

export type LiveHandle = PusherHandle | PlayerHandle;

/** Where the component caller keeps its handle; selectComponent returns that caller. */
export const HANDLE = '__liveHarnessHandle';

export function handleOf(caller: unknown): LiveHandle | undefined {
  if (caller && typeof caller === 'object' && HANDLE in caller) return (caller as Record<string, LiveHandle>)[HANDLE];
  return undefined;
}

export class ElementRegistry {
  private readonly attached = new Set<LiveHandle>();
  private anonymous = 0;

  track(h: LiveHandle): void {
    this.attached.add(h);
  }

  untrack(h: LiveHandle): void {
    this.attached.delete(h);
  }

  has(h: LiveHandle): boolean {
    return this.attached.has(h);
  }

  handles(): LiveHandle[] {
    return [...this.attached];
  }

  /** An id for an element the WXML gave none; counted per rig, so runs are reproducible. */
  anonymousId(kind: 'pusher' | 'player'): string {
    return `${kind}-${++this.anonymous}`;
  }
}
