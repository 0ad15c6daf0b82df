import type { LoadedScenario } from './scenario-loader';
import type { Scenario } from './scenario';
import { parseShard, selectScenarios, SelectionError } from './select';

const loaded = (file: string, name: string): LoadedScenario => ({ file, scenario: { name } as Scenario });
const names = (l: readonly LoadedScenario[]): string[] => l.map((s) => s.scenario.name);

describe('scenario selection', () => {
  const all = ['e', 'a', 'c', 'b', 'd', 'f', 'g'].map((n, i) => loaded(`/s/${(7 - i) % 4}/${n}.scenario.ts`, `story ${n}`));

  it.each([1, 2, 3, 4, 7, 9])('deals every scenario to exactly one of %i shards, whatever the order given', (n) => {
    const shards = Array.from({ length: n }, (_, k) => selectScenarios(all, { shard: { index: k + 1, count: n } }));
    expect(shards.flatMap(names).sort()).toEqual(names(all).sort());
    // round-robin: sizes differ by one at most
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    // the same shard from the list in another order holds the same scenarios
    const reversed = [...all].reverse();
    for (let k = 0; k < n; k++) expect(names(selectScenarios(reversed, { shard: { index: k + 1, count: n } })).sort()).toEqual(names(shards[k]).sort());
  });

  it('keeps the given order within a shard and filters by name with --grep, or without the matches with --grep-invert', () => {
    expect(names(selectScenarios(all, { grep: /story [abc]/ }))).toEqual(['story a', 'story c', 'story b']);
    expect(names(selectScenarios(all, { grep: /story [abc]/, invert: true }))).toEqual(['story e', 'story d', 'story f', 'story g']);
    const picked = selectScenarios(all, { grep: /story [abc]/, shard: { index: 1, count: 2 } });
    expect(picked.length).toBe(2);
  });

  it('reads i/n with 1 ≤ i ≤ n and names anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/2'])
      expect(() => parseShard(bad)).toThrow(
        new SelectionError(
          `[live-harness] Failed to read the command line: --shard ${JSON.stringify(bad)} is not a shard i/n with 1 ≤ i ≤ n. Pass e.g. --shard 1/3 on the first of three machines.`,
        ),
      );
  });
});
