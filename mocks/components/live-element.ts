/**
 * The j-component definitions that stand in for WeChat's native
 * <live-pusher> and <live-player>. They hold no behaviour of their own: every
 * attribute goes to the model, every model event goes out as the bind* event.
 */
import { type AttrSpec, PLAYER_ATTRS, PUSHER_ATTRS } from '../model/attributes';
import type { ModelEvent, ModelSink } from '../model/events';
import { activeRuntime, type LiveRuntime } from './runtime';
import { anonymousId, HANDLE, type LiveHandle, track, untrack } from './registry';

type Kind = 'pusher' | 'player';

interface Caller {
  id?: string;
  data: Record<string, unknown>;
  triggerEvent(name: string, detail: unknown, options?: unknown): void;
  selectOwnerComponent?(): unknown;
  [HANDLE]?: LiveHandle;
  __lhAttached?: boolean;
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

export function liveElementDefinition(kind: Kind): Record<string, unknown> {
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
    id: `live-${kind}`,
    tagName: `wx-live-${kind}`,
    template: '<slot/>',
    properties,
    options: { multipleSlots: true },
    lifetimes: {
      attached(this: Caller) {
        const rt = activeRuntime();
        const id = this.id || anonymousId(kind);
        const source = `${kind}#${id}`;
        const sink = makeSink(rt, source, this);
        const raw: Record<string, unknown> = {};
        for (const name of Object.keys(table)) raw[name] = this.data[name];
        const owner = typeof this.selectOwnerComponent === 'function' ? this.selectOwnerComponent() : undefined;
        const handle: LiveHandle =
          kind === 'pusher' ? { kind, id, source, owner, model: rt.newPusher(id, sink) } : { kind, id, source, owner, model: rt.newPlayer(id, sink) };
        this[HANDLE] = handle;
        track(handle);
        this.__lhAttached = true;
        rt.record({ source, kind: 'lifecycle', detail: { name: 'attached' } });
        handle.model.insert(raw as never);
      },
      detached(this: Caller) {
        const h = this[HANDLE];
        if (!h) return;
        this.__lhAttached = false;
        untrack(h);
        h.model.remove();
        activeRuntime().record({ source: h.source, kind: 'lifecycle', detail: { name: 'detached' } });
      },
    },
  };
}

function makeSink(rt: LiveRuntime, source: string, el: Caller): ModelSink {
  return {
    emit(e: ModelEvent) {
      const code = typeof e.detail.code === 'number' ? e.detail.code : typeof e.detail.errCode === 'number' ? e.detail.errCode : undefined;
      rt.record({ source, kind: e.type, code, detail: e.detail });
      // Native components reach the logic layer asynchronously; a handler never runs inside the model's step.
      void Promise.resolve().then(() => el.triggerEvent(e.type, e.detail));
    },
    warn(message, detail) {
      rt.record({ source, kind: 'warning', detail: { message, ...(detail ?? {}) } });
      console.warn(message);
    },
    metric(name, detail) {
      rt.record({ source, kind: 'metric', detail: { name, ...detail } });
    },
  };
}
