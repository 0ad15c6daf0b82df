/** Live elements currently attached, so contexts can find them by id. */
import type { PlayerModel } from '../model/player';
import type { PusherModel } from '../model/pusher';

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

const attached = new Set<LiveHandle>();

export function track(h: LiveHandle): void {
  attached.add(h);
}

export function untrack(h: LiveHandle): void {
  attached.delete(h);
}

export function attachedHandles(): LiveHandle[] {
  return [...attached];
}

export function handleOf(caller: unknown): LiveHandle | undefined {
  if (caller && typeof caller === 'object' && HANDLE in caller) return (caller as Record<string, LiveHandle>)[HANDLE];
  return undefined;
}

let counter = 0;
export function anonymousId(kind: 'pusher' | 'player'): string {
  return `${kind}-${++counter}`;
}

export function resetAnonymousIds(): void {
  counter = 0;
}
