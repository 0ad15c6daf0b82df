/**
 * The part of the real `miniprogram-automator` client (0.12.1) the drivers
 * use, typed structurally so that a MiniProgram from `connect()`, `launch()`
 * or a test's own connection fits. Facts about the client are in the shared
 * protocol notes: navigation through it sleeps 3 s, so the drivers navigate
 * with `callWxMethod`; `page.$()` swallows errors, so they use `$$`.
 */
import { createRequire } from 'node:module';

export interface AutomatorElement {
  readonly tagName: string;
  attribute(name: string): Promise<string>;
  trigger(type: string, detail?: unknown): Promise<void>;
  tap(): Promise<void>;
  text(): Promise<string>;
}

export interface AutomatorPage {
  readonly path: string;
  readonly query: unknown;
  $$(selector: string): Promise<AutomatorElement[]>;
  data(path?: string): Promise<unknown>;
  setData(data: unknown): Promise<void>;
  callMethod(method: string, ...args: unknown[]): Promise<unknown>;
}

export interface AutomatorMiniProgram {
  currentPage(): Promise<AutomatorPage | undefined>;
  pageStack(): Promise<AutomatorPage[]>;
  callWxMethod(method: string, ...args: unknown[]): Promise<unknown>;
  mockWxMethod(method: string, result: unknown, ...args: unknown[]): Promise<void>;
  restoreWxMethod(method: string): Promise<void>;
  evaluate(fn: string | ((...a: never[]) => unknown), ...args: unknown[]): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => void): Promise<void>;
  remote(auto?: boolean): Promise<void>;
  /** a raw protocol request (the client's public `send`) */
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  disconnect(): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** The element's attribute values by property name, in one round trip (the client's `property()` makes two per name). */
export async function readProperties(el: AutomatorElement, names: readonly string[]): Promise<Record<string, unknown>> {
  const getter = (el as unknown as { _property(n: string[]): Promise<unknown[]> })._property;
  const values = await getter.call(el, [...names]);
  const out: Record<string, unknown> = {};
  names.forEach((n, i) => {
    const v = values[i];
    if (v !== undefined && v !== null) out[n] = v;
  });
  return out;
}

/**
 * `remote()` without its race: the client starts listening for
 * Tool.onRemoteDebugConnected only after the enableRemoteDebug reply (and
 * after printing the QR code), so a runtime that connects at once (the phone
 * was already attached, or a stand-in) can fire the event before anyone
 * listens, and `remote()` then waits forever. Listening first, on the
 * connection itself, and taking whichever comes first avoids that.
 */
export async function remoteConnected(mp: AutomatorMiniProgram, auto = false): Promise<void> {
  const connection = (mp as unknown as { connection: { once(event: string, fn: () => void): void } }).connection;
  const connected = new Promise<void>((resolve) => connection.once('Tool.onRemoteDebugConnected', () => resolve()));
  await Promise.race([mp.remote(auto), connected]);
}

/** The client, loaded when first needed: the package is a dependency, but only automator targets use it. */
export function automatorClient(): { connect(o: { wsEndpoint: string }): Promise<AutomatorMiniProgram> } {
  const load = createRequire(__filename);
  return load('miniprogram-automator') as { connect(o: { wsEndpoint: string }): Promise<AutomatorMiniProgram> };
}

/** A name no page code uses, unique to this driver, for bindings and app-side state. */
let n = 0;
export function uniqueName(prefix: string): string {
  return `__liveHarness_${prefix}_${process.pid}_${++n}`;
}
