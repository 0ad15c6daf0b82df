/**
 * The j-component definitions that stand in for WeChat's native
 * <live-pusher> and <live-player>. They hold no behaviour of their own: every
 * attribute goes to the model, every model event goes out as the bind* event.
 */
import { type AttrSpec, type ModelEvent, type ModelSink, PLAYER_ATTRS, PUSHER_ATTRS } from '../model';
import type { EventPort, LiveElementRef } from './event-port';
import { HANDLE, type ElementRegistry, type LiveHandle } from './registry';
import type { LiveRuntime } from './runtime';

type Kind = 'pusher' | 'player';

interface Caller {
  id?: string;
  data: Record<string, unknown>;
  triggerEvent(name: string, detail: unknown, options?: unknown): void;
  selectOwnerComponent?(): unknown;
  [HANDLE]?: LiveHandle;
  __lhAttached?: boolean;
}

/** What an element needs from the rig it lives in. */
export interface ElementHost {
  readonly runtime: LiveRuntime;
  readonly registry: ElementRegistry;
  readonly port: EventPort;
  /** render only: no model, no events (WeChat DevTools' live tags) */
  readonly inert?: boolean;
}

function propertyType(spec: AttrSpec): unknown {
  switch (spec.type) {
    case 'number':
      return Number;
    case 'boolean':
      return Boolean;
    case 'string':
      return String;
    default:
      return null; // string or array: accept both as given
  }
}

/**
 * The timeline source of a new element: `pusher#id`, unless another element
 * of the same kind and id lives in another page instance of this rig (the
 * same page opened twice); then the instance is named: `pusher#id@pages/push/push#2`.
 */
function sourceFor(host: ElementHost, kind: Kind, id: string, owner: unknown): string {
  const plain = `${kind}#${id}`;
  const clash = host.registry.handles().some((h) => h.kind === kind && h.id === id && h.owner !== owner);
  if (!clash) return plain;
  const where = host.runtime.describeScope(owner);
  return where ? `${plain}@${where}` : plain;
}

export function liveElementDefinition(kind: Kind, componentId: string, host: ElementHost): Record<string, unknown> {
  const table: Record<string, AttrSpec> = kind === 'pusher' ? PUSHER_ATTRS : PLAYER_ATTRS;
  const properties: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    properties[name] = {
      type: propertyType(spec),
      value: Array.isArray(spec.default) ? [...spec.default] : spec.default,
      observer(this: Caller, value: unknown) {
        // Observers also fire while the element is created; only later changes are updates.
        const h = this[HANDLE];
        if (!this.__lhAttached || !h) return;
        h.model.update({ [name]: value } as never);
      },
    };
  }
  return {
    id: componentId,
    tagName: `wx-live-${kind}`,
    template: '<slot/>',
    properties,
    options: { multipleSlots: true },
    lifetimes: {
      attached(this: Caller) {
        if (host.inert) return;
        const rt = host.runtime;
        const id = this.id || host.registry.anonymousId(kind);
        const owner = typeof this.selectOwnerComponent === 'function' ? this.selectOwnerComponent() : undefined;
        const source = sourceFor(host, kind, id, owner);
        const el: LiveElementRef = { source, elementId: id, triggerEvent: (name, detail) => this.triggerEvent(name, detail) };
        const sink = makeSink(host, el);
        const raw: Record<string, unknown> = {};
        for (const name of Object.keys(table)) raw[name] = this.data[name];
        const handle: LiveHandle =
          kind === 'pusher'
            ? { kind, id, source, owner, model: rt.newPusher(source, id, sink) }
            : { kind, id, source, owner, model: rt.newPlayer(source, id, sink) };
        this[HANDLE] = handle;
        host.registry.track(handle);
        this.__lhAttached = true;
        rt.record({ source, kind: 'lifecycle', detail: { name: 'attached' } });
        handle.model.insert(raw as never);
      },
      detached(this: Caller) {
        const h = this[HANDLE];
        if (!h) return;
        this.__lhAttached = false;
        host.registry.untrack(h);
        h.model.remove();
        host.runtime.record({ source: h.source, kind: 'lifecycle', detail: { name: 'detached' } });
      },
    },
  };
}

function makeSink(host: ElementHost, el: LiveElementRef): ModelSink {
  const rt = host.runtime;
  const source = el.source;
  return {
    emit(e: ModelEvent) {
      const code = typeof e.detail.code === 'number' ? e.detail.code : typeof e.detail.errCode === 'number' ? e.detail.errCode : undefined;
      rt.record({ source, kind: e.type, code, detail: e.detail });
      host.port.deliver(el, e.type, e.detail);
    },
    warn(message, detail) {
      // The timeline keeps every warning; the rig decides what reaches the console.
      rt.record({ source, kind: 'warning', detail: { message, ...(detail ?? {}) } });
    },
    metric(name, detail) {
      rt.record({ source, kind: 'metric', detail: { name, ...detail } });
    },
  };
}
