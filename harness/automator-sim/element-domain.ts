/** Element.*: one element of a page, and custom components' data and methods. */
import type { ElementEntry } from './ids';
import type { PageElement } from '../rig';
import { attribute, domProperty, exparserNode, innerWxml, isCustomComponent, outerWxml, property, type ExNode } from './element-view';
import { elementInfo, select } from './page-domain';
import { arrayParam, ProtocolError, stringParam, toWire, type CallContext, type DomainHandlers } from './protocol';
import { readPath, settled, type SimHost } from './sim-host';

type Caller = Record<string, unknown> & { data: Record<string, unknown>; setData(patch: Record<string, unknown>, cb?: () => void): void };

function names(p: Record<string, unknown>, call: CallContext): string[] {
  const list = arrayParam(p, 'names', call);
  if (list.some((n) => typeof n !== 'string')) throw new ProtocolError(`[live-harness] Failed to run ${call.method}: param "names" must be a list of strings.`);
  return list as string[];
}

function component(e: ElementEntry, call: CallContext): Caller {
  const node = e.node as ExNode;
  if (!isCustomComponent(node) || !node.__methodCaller)
    throw new ProtocolError(
      `[live-harness] Failed to run ${call.method}: element ${e.elementId} is not a custom component. Only custom components (replies with a nodeId) have data and methods.`,
    );
  return node.__methodCaller as Caller;
}

/**
 * Elements under `e` matching `selector`: inside a custom component, its own
 * template (as DevTools selects there); under any other element, the page's
 * matches that descend from it.
 */
function within(e: ElementEntry, selector: string, call: CallContext): PageElement[] {
  const node = e.node as ExNode;
  if (isCustomComponent(node)) {
    try {
      return e.element.querySelectorAll(selector);
    } catch (err) {
      throw new ProtocolError(`[live-harness] Failed to run ${call.method}: ${(err as Error).message.replace(/^\[live-harness\] /, '')}`);
    }
  }
  return select(e.page, selector, true, call).filter((el) => descends(exparserNode(el), node));
}

function descends(n: ExNode, ancestor: ExNode): boolean {
  for (let p = n.parentNode; p; p = p.parentNode) if (p === ancestor) return true;
  return false;
}

export function elementDomain(host: SimHost): DomainHandlers {
  const { rig, ids } = host;
  const entry = (p: Record<string, unknown>, call: CallContext): ElementEntry => ids.lookup(p.elementId, call);
  return {
    getAttributes: (p, call) => {
      const node = entry(p, call).node as ExNode;
      return { attributes: names(p, call).map((n) => attribute(node, n)) };
    },
    getProperties: (p, call) => {
      const node = entry(p, call).node as ExNode;
      return { properties: names(p, call).map((n) => toWire(property(node, n)) ?? null) };
    },
    getDOMProperties: (p, call) => {
      const node = entry(p, call).node as ExNode;
      return { properties: names(p, call).map((n) => toWire(domProperty(node, n)) ?? null) };
    },
    getWXML: (p, call) => {
      const node = entry(p, call).node as ExNode;
      if (p.type !== 'inner' && p.type !== 'outer')
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: param "type" must be "inner" or "outer" (got ${JSON.stringify(p.type)}).`);
      return { wxml: p.type === 'inner' ? innerWxml(node) : outerWxml(node) };
    },
    tap: async (p, call) => {
      const e = entry(p, call);
      await e.page.tapElement(e.element);
      await rig.settle();
      return {};
    },
    // The element fires `type` as if it emitted it: the page's bind<type> handler runs (live tags' statechange in DevTools mode).
    triggerEvent: async (p, call) => {
      const e = entry(p, call);
      const type = stringParam(p, 'type', call);
      e.element.dispatchEvent(type, { detail: p.detail ?? {} });
      await rig.settle();
      return {};
    },
    getElement: (p, call) => {
      const e = entry(p, call);
      const selector = stringParam(p, 'selector', call);
      const [el] = within(e, selector, call);
      if (!el) throw new ProtocolError(`[live-harness] Failed to run ${call.method}: no element matches ${JSON.stringify(selector)} inside ${e.elementId}.`);
      return elementInfo(host, e.page, el);
    },
    getElements: (p, call) => {
      const e = entry(p, call);
      return { elements: within(e, stringParam(p, 'selector', call), call).map((el) => elementInfo(host, e.page, el)) };
    },
    getData: (p, call) => ({ data: toWire(readPath(component(entry(p, call), call).data, p.path)) ?? null }),
    setData: async (p, call) => {
      const c = component(entry(p, call), call);
      if (!p.data || typeof p.data !== 'object' || Array.isArray(p.data))
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: param "data" must be an object (got ${JSON.stringify(p.data)}).`);
      await new Promise<void>((res) => c.setData(p.data as Record<string, unknown>, () => res()));
      await rig.settle();
      return {};
    },
    callMethod: async (p, call) => {
      const e = entry(p, call);
      const c = component(e, call);
      const method = stringParam(p, 'method', call);
      const fn = c[method];
      if (typeof fn !== 'function')
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: the component ${e.elementId} has no method "${method}".`);
      let result: unknown;
      try {
        result = await settled((fn as (...a: unknown[]) => unknown).apply(c, arrayParam(p, 'args', call)));
      } catch (err) {
        host.reportException(err);
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: ${method}() threw ${err instanceof Error ? err.message : String(err)}.`);
      }
      await rig.settle();
      return { result: toWire(result) };
    },
  };
}
