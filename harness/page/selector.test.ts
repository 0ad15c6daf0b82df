import { nthMatches, parseSelector, SelectorError } from './selector';

describe('parseSelector', () => {
  it('reads tags, ids, classes, attributes and positions into compounds joined by combinators', () => {
    const [sel] = parseSelector('.list > view.item[data-id="3"]:nth-of-type(2n+1) text');
    expect(sel.combinators).toEqual(['>', ' ']);
    expect(sel.compounds[0]).toEqual({ tag: undefined, ids: [], classes: ['list'], attributes: [], pseudos: [] });
    expect(sel.compounds[1]).toEqual({
      tag: 'view',
      ids: [],
      classes: ['item'],
      attributes: [{ name: 'data-id', op: '=', value: '3' }],
      pseudos: [{ name: 'nth-of-type', nth: { a: 2, b: 1 }, ofType: true, fromEnd: false }],
    });
    expect(sel.compounds[2].tag).toBe('text');
  });

  it('reads >>> across components and comma lists', () => {
    const list = parseSelector('#card >>> .title, live-player');
    expect(list.map((s) => s.combinators)).toEqual([['>>>'], []]);
    expect(list[1].compounds[0].tag).toBe('live-player');
  });

  it('reads every attribute operator, quoted or not', () => {
    const ops = ['=', '~=', '^=', '$=', '*=', '|='].map((op) => parseSelector(`[type${op}'a b']`)[0].compounds[0].attributes[0]);
    expect(ops.map((a) => a.op)).toEqual(['=', '~=', '^=', '$=', '*=', '|=']);
    expect(ops.every((a) => a.value === 'a b')).toBe(true);
    expect(parseSelector('[data-id=3]')[0].compounds[0].attributes).toEqual([{ name: 'data-id', op: '=', value: '3' }]);
    expect(parseSelector('[hidden]')[0].compounds[0].attributes).toEqual([{ name: 'hidden' }]);
  });

  it('reads positions as a·k + b, counting from 1', () => {
    const nth = (arg: string) => parseSelector(`:nth-child(${arg})`)[0].compounds[0].pseudos[0].nth;
    expect(nth('3')).toEqual({ a: 0, b: 3 });
    expect(nth('odd')).toEqual({ a: 2, b: 1 });
    expect(nth('even')).toEqual({ a: 2, b: 0 });
    expect(nth('-n+2')).toEqual({ a: -1, b: 2 });
    expect(nth(' 3n - 1 ')).toEqual({ a: 3, b: -1 });
    expect([1, 2, 3, 4, 5].filter((p) => nthMatches(nth('2n+1'), p))).toEqual([1, 3, 5]);
    expect([1, 2, 3, 4].filter((p) => nthMatches(nth('-n+2'), p))).toEqual([1, 2]);
    expect([1, 2, 3].filter((p) => nthMatches(nth('2'), p))).toEqual([2]);
  });

  it('turns :only-child into first and last at once', () => {
    expect(parseSelector('text:only-child')[0].compounds[0].pseudos.map((p) => p.fromEnd)).toEqual([false, true]);
  });

  it('names the column, and suggests the nearest pseudo-class', () => {
    expect(() => parseSelector('.item:nth-chld(2)')).toThrow(SelectorError);
    expect(() => parseSelector('.item:nth-chld(2)')).toThrow(
      /^\[live-harness\] Failed to parse selector "\.item:nth-chld\(2\)": ":nth-chld" is not a supported pseudo-class at column 6\. Did you mean ":nth-child"\? Supported: /,
    );
    expect(() => parseSelector('[data-id="3"')).toThrow(
      '[live-harness] Failed to parse selector "[data-id=\\"3\\"": the attribute test [data-id… is not closed at column 13. Write [name] or [name="value"].',
    );
    expect(() => parseSelector('.item:nth-of-type(second)')).toThrow(
      '[live-harness] Failed to parse selector ".item:nth-of-type(second)": "second" is not a position at column 18. Write :nth-of-type(2), :nth-of-type(odd), :nth-of-type(even) or :nth-of-type(2n+1); positions count from 1.',
    );
    expect(() => parseSelector('  ')).toThrow(/it is empty at column 3\. Give a selector such as "#start", "\.item" or "button"\.$/);
    expect(() => parseSelector('a,,b')).toThrow(/unexpected "," at column 3\./);
  });
});
