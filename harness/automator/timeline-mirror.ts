/**
 * The client side's copy of a server's timeline. Entries arrive as pushed
 * events carrying their index; an entry that comes early (before a gap is
 * filled) waits until the ones before it are in, so the mirror is always a
 * prefix of the server's timeline, in the server's order, and the same
 * matchers read it as they read a rig's.
 */
import { Timeline, type TimelineEntry } from '../record';

export class TimelineMirror {
  readonly timeline = new Timeline();
  private readonly early = new Map<number, TimelineEntry>();

  /** One entry at `index` on the server's timeline; duplicates are ignored. */
  add(index: number, entry: TimelineEntry): void {
    if (index < this.timeline.length) return;
    this.early.set(index, entry);
    for (let next = this.early.get(this.timeline.length); next !== undefined; next = this.early.get(this.timeline.length)) {
      this.early.delete(this.timeline.length);
      this.timeline.record(next);
    }
  }

  /** Entries from `from` on, as getTimeline answered them. */
  addFrom(from: number, entries: readonly TimelineEntry[]): void {
    entries.forEach((e, i) => this.add(from + i, e));
  }

  get length(): number {
    return this.timeline.length;
  }
}
