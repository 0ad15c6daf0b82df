/** What the protocol's domains reach of the server that hosts them. */
import type { Rig } from '../rig';
import type { AppService } from './app-service';
import type { IdTable } from './ids';
import type { WxMethods } from './wx-methods';

export interface SimHost {
  readonly rig: Rig;
  readonly ids: IdTable;
  readonly appService: AppService;
  readonly wxMethods: WxMethods;
  /** send an event to every connected client */
  emit(method: string, params?: Record<string, unknown>): void;
  /** run an exception of page code out to the clients (App.exceptionThrown) */
  reportException(e: unknown): void;
  /** how a phone is stood in for by Tool.enableRemoteDebug; false refuses it */
  readonly remoteDebug: { readonly connectAfterMs: number } | false;
}

/** `a.b[0].c` in `data`; the whole of it for no path. */
export function readPath(data: unknown, path: unknown): unknown {
  if (typeof path !== 'string' || path === '') return data;
  let v: unknown = data;
  for (const key of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A function's result may be a promise (async page methods, evaluate): the reply carries what it resolves to. */
export async function settled(v: unknown): Promise<unknown> {
  return v && typeof (v as Promise<unknown>).then === 'function' ? await (v as Promise<unknown>) : v;
}
