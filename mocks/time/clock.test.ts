import { VirtualClock } from './clock';
import { Random } from './random';

describe('VirtualClock', () => {
  it('fires timers in time order and equal times in the order they were set', () => {
    const c = new VirtualClock();
    const seen: string[] = [];
    c.setTimer(20, () => seen.push('b'));
    c.setTimer(10, () => seen.push('a'));
    c.setTimer(20, () => seen.push('c'));
    c.advance(25);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(c.now()).toBe(25);
  });

  it('does not fire cancelled timers and counts only live ones as pending', () => {
    const c = new VirtualClock();
    const fn = jest.fn();
    const h = c.setTimer(5, fn);
    c.setTimer(6, () => undefined);
    c.clearTimer(h);
    expect(c.pending).toBe(1);
    c.advance(10);
    expect(fn).not.toHaveBeenCalled();
  });

  it('runs timers scheduled by timers within the same advance', () => {
    const c = new VirtualClock();
    const at: number[] = [];
    const tick = (): void => {
      at.push(c.now());
      if (at.length < 4) c.setTimer(100, tick);
    };
    c.setTimer(100, tick);
    c.advance(1000);
    expect(at).toEqual([100, 200, 300, 400]);
  });

  it('step() stops at the limit without moving past the next timer', () => {
    const c = new VirtualClock();
    c.setTimer(50, () => undefined);
    expect(c.step(40)).toBe(false);
    expect(c.now()).toBe(0);
    expect(c.step(50)).toBe(true);
    expect(c.now()).toBe(50);
  });
});

describe('Random', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
    for (const v of sa) expect(v >= 0 && v < 1).toBe(true);
  });

  it('forks independent streams by label', () => {
    const r1 = new Random('seed');
    const r2 = new Random('seed');
    const p1 = r1.fork('pusher#p');
    r2.fork('player#x').next(); // another participant drawing must not shift p's numbers
    const p2 = r2.fork('pusher#p');
    expect(p1.next()).toBe(p2.next());
  });
});
