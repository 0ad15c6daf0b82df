/**
 * Selectors of a page handle on a real page: a button, attribute-carrying
 * items of a wx:for list, and a custom component with slotted content.
 */
import { join } from 'node:path';
import { matchTree } from './element-query';
import { type LoadedPage, PageRuntime } from './page-runtime';

const rootPath = join(__dirname, '__fixtures__');
const texts = (page: LoadedPage, selector: string) => page.querySelectorAll(selector).map((e) => (e.dom.textContent ?? '').trim());

describe('page selectors', () => {
  let rt: PageRuntime;
  let page: LoadedPage;
  beforeEach(async () => {
    rt = new PageRuntime({ rootPath });
    page = await rt.open('pages/list/list');
  });
  afterEach(() => rt.dispose());

  it('select by WXML tag, though the DOM renders <wx-button> and no id', async () => {
    expect(page.querySelector('button')?.dom.tagName).toBe('WX-BUTTON');
    expect(page.text('button#go')).toBe('Go live');
    expect(texts(page, 'text')).toEqual(['idle', 'Anchor one', 'Anchor two', 'Anchor three', 'inside the card']);
    expect(texts(page, 'card')).toEqual(['Featuredinside the card']);
  });

  it('select by attribute: data-* through the dataset, others as WXML wrote them, component properties too', () => {
    expect(page.text('[data-id="3"]')).toBe('Anchor three');
    expect(page.text('[data-id=2] .name')).toBe('Anchor two');
    expect(texts(page, '.item[data-id]')).toHaveLength(3);
    expect(page.text('button[type="primary"]')).toBe('Go live');
    expect(page.text('[type^=pri]')).toBe('Go live');
    expect(page.querySelector('button[type="warn"]')).toBeUndefined();
    expect(page.text('text[data-state=idle]')).toBe('idle');
    expect(page.querySelector('[title="Featured"]')?.dom.tagName).toBe('CARD');
  });

  it('pick the n-th item of a wx:for list with :nth-of-type / :nth-child, its blocks being transparent', () => {
    expect(page.text('.item:nth-of-type(2)')).toBe('Anchor two');
    expect(page.text('.list > view:nth-child(3) .name')).toBe('Anchor three');
    expect(texts(page, '.item:nth-of-type(odd)')).toEqual(['Anchor one', 'Anchor three']);
    expect(page.text('.item:last-child')).toBe('Anchor three');
    expect(page.text('.item:first-of-type')).toBe('Anchor one');
    expect(texts(page, '.item:nth-last-child(-n+2)')).toEqual(['Anchor two', 'Anchor three']);
    expect(texts(page, '.item .name:only-child')).toEqual(['Anchor one', 'Anchor two', 'Anchor three']);
    expect(page.querySelectorAll('.list > view')).toHaveLength(3);
  });

  it('see a re-rendered list: positions and attributes follow setData', async () => {
    await page.setData({ items: [{ id: 9, name: 'Late anchor' }, ...(page.data.items as object[])] });
    expect(page.text('.item:nth-of-type(1)')).toBe('Late anchor');
    expect(page.text('.item:nth-of-type(4)')).toBe('Anchor three');
    expect(page.text('[data-id="9"]')).toBe('Late anchor');
  });

  it("keep to the page's own template: slotted content yes, a component's insides only through >>>", () => {
    expect(texts(page, 'card .name')).toEqual(['inside the card']);
    expect(texts(page, 'card > text')).toEqual(['inside the card']);
    expect(page.querySelector('view.title')).toBeUndefined();
    expect(texts(page, 'card >>> view.title')).toEqual(['Featured']);
    expect(texts(page, '#featured >>> .title')).toEqual(['Featured']);
  });

  it('answer a list of selectors in document order', () => {
    expect(texts(page, 'card, button, .item:first-child')).toEqual(['Go live', 'Anchor one', 'Featuredinside the card']);
  });

  it("give the same answers as miniprogram-simulate's own querySelector where its grammar reaches", () => {
    const comp = (page as unknown as { comp: { querySelectorAll(s: string): { dom: Element }[] } }).comp;
    for (const selector of [
      '#go',
      '.item',
      '.list .item',
      '.list > .item',
      '.item .name',
      '.name',
      '.title',
      '#featured >>> .title',
      '#featured > .name',
      '.toolbar, .list',
    ]) {
      const theirs = comp.querySelectorAll(selector).map((e) => e.dom);
      const ours = matchTree(comp as never, selector).map((e) => e.dom);
      expect({ selector, n: ours.length, same: ours.every((d, i) => d === theirs[i]) }).toEqual({ selector, n: theirs.length, same: true });
    }
  });

  it('tap a button by its tag, and the n-th list item by position or by attribute, with its dataset', async () => {
    await page.tap('button');
    expect(page.data.state).toBe('live');
    expect(page.text('.status')).toBe('live');
    await page.tap('.item:nth-of-type(2)');
    expect(page.data.picked).toBe(2);
    expect(page.text('.item.picked')).toBe('Anchor two');
    // A tap on the inner text bubbles to the item's bindtap, as WeChat's tap does.
    await page.tap('[data-id="3"] .name');
    expect(page.data.picked).toBe(3);
  });

  it('say what went wrong with a selector: no match, or a grammar it does not know', async () => {
    await expect(page.tap('.item:nth-of-type(9)')).rejects.toThrow(
      `[live-harness] Failed to tap ".item:nth-of-type(9)" on pages/list/list: no element matches. Check the selector against the page's WXML.`,
    );
    expect(() => page.text('button:hover')).toThrow(
      /^\[live-harness\] Failed to parse selector "button:hover": ":hover" is not a supported pseudo-class at column 7\./,
    );
    await expect(page.tap('.item:nth-of-tipe(2)')).rejects.toThrow(/Did you mean ":nth-of-type"\?/);
  });
});
