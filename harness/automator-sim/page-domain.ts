/** Page.*: one page's data, methods and elements. */
import type { LoadedPageHandle, PageElement } from '../rig';
import { exparserNode, isCustomComponent, tagName } from './element-view';
import { arrayParam, ProtocolError, stringParam, toWire, type CallContext, type DomainHandlers } from './protocol';
import { readPath, settled, type SimHost } from './sim-host';

export interface ElementInfo {
  elementId: string;
  tagName: string;
  nodeId?: string;
}

export function elementInfo(host: SimHost, page: LoadedPageHandle, el: PageElement): ElementInfo {
  const node = exparserNode(el);
  const entry = host.ids.element(page, el, node);
  // A custom component's reply carries a nodeId: the client then offers data/setData/callMethod on it.
  return { elementId: entry.elementId, tagName: tagName(node), ...(isCustomComponent(node) ? { nodeId: entry.elementId } : {}) };
}

export function select(page: LoadedPageHandle, selector: string, all: boolean, call: CallContext): PageElement[] {
  try {
    if (all) return page.querySelectorAll(selector);
    const one = page.querySelector(selector);
    return one ? [one] : [];
  } catch (e) {
    throw new ProtocolError(`[live-harness] Failed to run ${call.method}: ${(e as Error).message.replace(/^\[live-harness\] /, '')}`);
  }
}

export function pageDomain(host: SimHost): DomainHandlers {
  const { rig, ids } = host;
  return {
    getData: (p, call) => ({ data: toWire(readPath(ids.page(p.pageId, call).data, p.path)) ?? null }),
    setData: async (p, call) => {
      const page = ids.page(p.pageId, call);
      if (!p.data || typeof p.data !== 'object' || Array.isArray(p.data))
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: param "data" must be an object (got ${JSON.stringify(p.data)}).`);
      await page.setData(p.data as Record<string, unknown>);
      await rig.settle();
      return {};
    },
    callMethod: async (p, call) => {
      const page = ids.page(p.pageId, call);
      const method = stringParam(p, 'method', call);
      if (typeof page.instance[method] !== 'function')
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: ${page.route} has no method "${method}". Call one its Page({...}) defines.`);
      let result: unknown;
      try {
        result = await settled(page.call(method, ...arrayParam(p, 'args', call)));
      } catch (e) {
        host.reportException(e);
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: ${page.route}.${method}() threw ${e instanceof Error ? e.message : String(e)}.`);
      }
      await rig.settle();
      return { result: toWire(result) };
    },
    getElement: (p, call) => {
      const page = ids.page(p.pageId, call);
      const selector = stringParam(p, 'selector', call);
      const [el] = select(page, selector, false, call);
      if (!el)
        throw new ProtocolError(
          `[live-harness] Failed to run ${call.method}: no element matches ${JSON.stringify(selector)} on ${page.route}. Check the selector against the page's WXML.`,
        );
      return elementInfo(host, page, el);
    },
    getElements: (p, call) => {
      const page = ids.page(p.pageId, call);
      const selector = stringParam(p, 'selector', call);
      return { elements: select(page, selector, true, call).map((el) => elementInfo(host, page, el)) };
    },
    // `document.documentElement.scrollWidth` and the like, read off the window (jsdom has no layout: sizes read 0).
    getWindowProperties: (p, call) => {
      ids.page(p.pageId, call);
      const names = arrayParam(p, 'names', call);
      return { properties: names.map((n) => toWire(readPath(globalThis.window, typeof n === 'string' ? n : '')) ?? null) };
    },
  };
}
