import type { TimelineEntry } from '../record';
import { TimelineMirror } from './timeline-mirror';

const entry = (t: number): TimelineEntry => ({ t, source: 'pusher#p', kind: 'statechange', code: 1000 + t });

describe('TimelineMirror', () => {
  it('keeps an entry that came early until the ones before it are in, so it is always a prefix in server order', () => {
    const m = new TimelineMirror();
    m.add(2, entry(2));
    m.add(3, entry(3));
    expect(m.length).toBe(0);
    m.addFrom(0, [entry(0), entry(1)]);
    expect(m.timeline.entries.map((e) => e.t)).toEqual([0, 1, 2, 3]);
  });

  it('ignores an entry it already holds, as a re-fetch after a push returns', () => {
    const m = new TimelineMirror();
    m.addFrom(0, [entry(0), entry(1)]);
    m.add(1, entry(1));
    m.addFrom(1, [entry(1), entry(2)]);
    expect(m.timeline.entries.map((e) => e.t)).toEqual([0, 1, 2]);
  });

  it('tells subscribers of each entry once, in order', () => {
    const m = new TimelineMirror();
    const seen: number[] = [];
    m.timeline.subscribe((e) => seen.push(e.t));
    m.add(1, entry(1));
    m.add(0, entry(0));
    m.add(0, entry(0));
    expect(seen).toEqual([0, 1]);
  });
});
