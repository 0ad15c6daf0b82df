/**
 * What a plugin mock needs from the rig it runs in: the rig's own live tags
 * (a plugin component wraps them, so the behaviour is the one model), its
 * contexts, its clock, and the timeline.
 */
import type { LiveWx, RecordedEvent } from '../components';
import type { Clock } from '../time';

export interface PluginHost {
  /** usingComponents ids of the rig's <live-pusher>/<live-player> */
  readonly tags: Readonly<Record<'live-pusher' | 'live-player', string>>;
  /** the rig's context factories */
  readonly wx: LiveWx;
  readonly clock: Clock;
  record(e: RecordedEvent): void;
}

/** Put a mock warning on the timeline under `source`. */
export function warn(host: PluginHost, source: string, message: string, detail: Record<string, unknown> = {}): void {
  host.record({ source, kind: 'warning', detail: { message, ...detail } });
}
