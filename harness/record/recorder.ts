/**
 * The one place that stamps time: everything the rig and the components tell
 * it goes onto the timeline with the world's clock reading, rounded to what
 * that clock can honestly claim (µs in virtual time, 0.1 ms on the wall clock).
 */
import { type EntryKind, Timeline, type TimelineEntry } from './timeline';

export interface Recordable {
  readonly source: string;
  readonly kind: string;
  readonly code?: number;
  readonly detail?: unknown;
}

/** A point on the timeline: "from now on" for sequences, counts and metrics. */
export interface Mark {
  /** ms on the rig's clock */
  readonly t: number;
  /** entries before this index happened before the mark */
  readonly index: number;
  readonly label?: string;
}

export class Recorder {
  readonly timeline = new Timeline();
  private readonly scale: number;

  constructor(
    private readonly now: () => number,
    /** decimals of a ms kept in stamps */
    decimals: number,
  ) {
    this.scale = 10 ** decimals;
  }

  record(e: Recordable): TimelineEntry {
    const entry: TimelineEntry = {
      t: Math.round(this.now() * this.scale) / this.scale,
      source: e.source,
      kind: e.kind as EntryKind,
      ...(e.code !== undefined ? { code: e.code } : {}),
      ...(e.detail !== undefined ? { detail: e.detail } : {}),
    };
    this.timeline.record(entry);
    return entry;
  }

  /** Remember this moment: what comes after it can be matched on its own (`{ since: mark }`). */
  mark(label?: string): Mark {
    return { t: Math.round(this.now() * this.scale) / this.scale, index: this.timeline.length, ...(label !== undefined ? { label } : {}) };
  }
}
