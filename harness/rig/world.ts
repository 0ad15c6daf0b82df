/**
 * The world around the phone: one clock, one network, the streams others
 * publish, and (on real media) the server. A rig runs in exactly one world —
 * virtual (a seeded network on a virtual clock) or media (real sockets, a
 * real server, the wall clock) — and knows it only through this interface.
 */
import type { Link } from '../../mocks/link';
import type { Clock } from '../../mocks/time';
import type { NetworkControl, StreamControl } from './controls';
import type { OpenedResources } from './media-session';
import type { MediaAccess } from './media-access';

/** Lets page code run between the world's events. */
export interface Settler {
  /** whether anything was recorded since the last settle */
  readonly dirty: boolean;
  settle(): Promise<void>;
}

export interface World {
  readonly kind: 'virtual' | 'media';
  readonly clock: Clock;
  readonly link: Link;
  readonly network: NetworkControl;
  readonly streams: StreamControl;
  /** timers and Date for the mini-program's scope */
  pageScope(): Readonly<Record<string, unknown>>;
  /** get ready to connect (real media: ffmpeg found, server up); idempotent */
  ready(): Promise<void>;
  /** move time forward by `ms`, running page code in between */
  advance(ms: number, page: Settler): Promise<void>;
  /** advance until `pred` holds, or fail after `budgetMs` */
  advanceUntil(pred: () => boolean, budgetMs: number, page: Settler): Promise<void>;
  /** the server, processes and ports this world opened */
  readonly opened: OpenedResources;
  /** real media: the server's endpoints and this rig's stream URLs, for readers outside the rig */
  readonly media: MediaAccess | undefined;
  /** stop every timer, connection, process and port; cut short any wait */
  dispose(): Promise<void>;
}
