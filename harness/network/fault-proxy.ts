/**
 * The fault proxy: a TCP proxy between the phone and the media server, one
 * listener per route (`rtmp`, `http-flv`), with toxics added and removed at
 * run time. Built, started, stopped, like MediaServer:
 *
 *   await using proxy = await new FaultProxy({ routes: { rtmp: { host, port } } }).start();
 *   proxy.endpoint('rtmp'); // { host: '127.0.0.1', port }
 *   const name = proxy.addToxic({ type: 'latency', latencyMs: 500, direction: 'downstream' });
 *   proxy.removeToxic(name);
 *
 * It binds 127.0.0.1 on dynamic ports; `lanHost` makes it listen on that
 * address too (a phone on the LAN), never by default.
 */
import '../dispose-symbols';
import { createServer, type Server, type Socket } from 'node:net';
import type { ActiveStage } from './pipe';
import { type ConnectionEnd, type ConnectionTags, ProxyConnection } from './proxy-connection';
import { resetSocket } from './reset-socket';
import type { AcceptToxic, ConnectionToxic, Direction, DirectionChoice, StreamToxic } from './toxic';
import { checkToxic, createToxic, type ConnectionMatch, type ToxicSpec, ToxicError } from './toxic-spec';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface FaultProxyOptions {
  /** what each route forwards to: `{ rtmp: { host: '127.0.0.1', port: 1935 } }` */
  readonly routes: Readonly<Record<string, HostPort>>;
  /** the loopback address to listen on; 127.0.0.1 by default */
  readonly host?: string;
  /** also listen on this address (a device session's LAN address), on the same ports */
  readonly lanHost?: string;
  /** what the proxy did, for the timeline (source `proxy`) */
  readonly onEvent?: (e: ProxyEvent) => void;
}

export type ProxyEvent =
  | { readonly action: 'toxic-added'; readonly name: string; readonly toxic: ToxicSpec }
  | { readonly action: 'toxic-removed'; readonly name: string; readonly type: string }
  | { readonly action: 'connection-opened'; readonly id: number; readonly route: string; readonly client: string }
  | {
      readonly action: 'connection-closed';
      readonly id: number;
      readonly route: string;
      readonly how: ConnectionEnd;
      readonly upBytes: number;
      readonly downBytes: number;
      readonly tags: ConnectionTags;
    }
  | { readonly action: 'connection-ghosted'; readonly id: number; readonly route: string; readonly tags: ConnectionTags }
  | { readonly action: 'connection-refused'; readonly route: string }
  | { readonly action: 'connection-answered'; readonly route: string; readonly by: string };

export class FaultProxyError extends Error {
  readonly code = 'LH_FAULT_PROXY';
  constructor(message: string) {
    super(message);
    this.name = 'FaultProxyError';
  }
}

export class FaultProxy {
  constructor(private readonly opts: FaultProxyOptions) {}

  async start(): Promise<StartedFaultProxy> {
    const names = Object.keys(this.opts.routes);
    if (names.length === 0)
      throw new FaultProxyError('[live-harness] Failed to start the fault proxy: it has no routes. Pass routes: { rtmp: { host, port } }.');
    const proxy = new StartedFaultProxy(this.opts);
    try {
      for (const name of names) await proxy.listenRoute(name);
    } catch (e) {
      await proxy.stop();
      throw e;
    }
    return proxy;
  }
}

interface Listening {
  readonly route: string;
  readonly host: string;
  port: number;
  server: Server | undefined;
}

interface Installed {
  readonly name: string;
  readonly spec: ToxicSpec;
  readonly toxic: StreamToxic | ConnectionToxic | AcceptToxic;
  readonly directions: readonly Direction[];
  readonly abort: AbortController;
  /** connection toxics: how to undo each attachment */
  readonly detach: Map<ProxyConnection, () => void>;
}

export class StartedFaultProxy implements AsyncDisposable {
  private readonly listeners: Listening[] = [];
  private readonly conns = new Set<ProxyConnection>();
  private readonly answered = new Set<Socket>();
  private readonly installed = new Map<string, Installed>();
  private readonly tagsByClient = new Map<string, ConnectionTags>();
  private seq = 0;
  private toxicSeq = 0;
  private stopping: Promise<void> | undefined;
  /** bumped whenever toxics or tags change: pipes rebuild their stage lists */
  private version = 0;
  private readonly stageCache = new WeakMap<ProxyConnection, { version: number; up: ActiveStage[]; down: ActiveStage[] }>();
  private totalUp = 0;
  private totalDown = 0;

  constructor(private readonly opts: FaultProxyOptions) {}

  // ---- where it listens ----

  /** Where a route listens on loopback. */
  endpoint(route: string): HostPort {
    return this.find(route, this.opts.host ?? '127.0.0.1');
  }

  /** Where a route listens on the LAN (only when started with lanHost). */
  lanEndpoint(route: string): HostPort {
    if (!this.opts.lanHost)
      throw new FaultProxyError(
        `[live-harness] Failed to tell the LAN address of route "${route}": the proxy listens on loopback only. Start it with lanHost (a device session asks for it).`,
      );
    return this.find(route, this.opts.lanHost);
  }

  /** The LAN address it also listens on, if it was started with one. */
  get lanHost(): string | undefined {
    return this.opts.lanHost;
  }

  get routes(): readonly string[] {
    return Object.keys(this.opts.routes);
  }

  /** Every address:port the proxy listens on (teardown checks). */
  get ports(): readonly number[] {
    return [...new Set(this.listeners.map((l) => l.port))];
  }

  private find(route: string, host: string): HostPort {
    const l = this.listeners.find((x) => x.route === route && x.host === host);
    if (!l) throw new FaultProxyError(`[live-harness] Failed to find proxy route "${route}": the routes are ${this.routes.join(', ')}. Use one of them.`);
    return { host: l.host, port: l.port };
  }

  /** @internal */
  async listenRoute(route: string): Promise<void> {
    const hosts = [this.opts.host ?? '127.0.0.1', ...(this.opts.lanHost ? [this.opts.lanHost] : [])];
    let port = 0;
    for (const host of hosts) {
      const l: Listening = { route, host, port, server: undefined };
      this.listeners.push(l);
      await this.listen(l);
      port = l.port; // the LAN listener takes the loopback one's port: one number per route
    }
  }

  private listen(l: Listening): Promise<void> {
    const server = createServer({ allowHalfOpen: true, noDelay: true }, (s) => this.accept(l.route, s));
    l.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new FaultProxyError(
            `[live-harness] Failed to listen for route "${l.route}" on ${l.host}:${l.port || 'a dynamic port'}: ${e.code ?? e.message}. ${
              e.code === 'EADDRNOTAVAIL'
                ? `${l.host} is not an address of this machine: give lanHost one that is.`
                : 'Free the port, or let the proxy pick one.'
            }`,
          ),
        ),
      );
      server.listen(l.port, l.host, () => {
        l.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  // ---- toxics ----

  /** Add a toxic (checked first); returns its name. A `refuse` closes the route's listeners until it is removed. */
  addToxic(input: ToxicSpec): string {
    const spec = checkToxic(input);
    if (this.stopping) throw new FaultProxyError('[live-harness] Failed to add a toxic: the proxy is stopped. Add toxics while it runs.');
    const name = spec.name ?? `${spec.type}-${++this.toxicSeq}`;
    if (this.installed.has(name))
      throw new ToxicError(`[live-harness] Failed to add toxic "${name}": a toxic of that name is already there. Remove it first, or pick another name.`);
    if (spec.match?.route !== undefined && !this.routes.includes(spec.match.route))
      throw new ToxicError(
        `[live-harness] Failed to add toxic "${name}": route "${spec.match.route}" is not one of the proxy's (${this.routes.join(', ')}). Use one of them.`,
      );
    const toxic = createToxic(spec);
    const dir: DirectionChoice = spec.direction ?? 'both';
    const t: Installed = {
      name,
      spec,
      toxic,
      directions: dir === 'both' ? ['upstream', 'downstream'] : [dir],
      abort: new AbortController(),
      detach: new Map(),
    };
    this.installed.set(name, t);
    this.version++;
    this.opts.onEvent?.({ action: 'toxic-added', name, toxic: spec });
    if (toxic.kind === 'connection') for (const c of [...this.conns]) this.attach(t, c);
    if (toxic.kind === 'accept' && toxic.meet === 'refuse') this.closeListeners(spec.match?.route);
    return name;
  }

  /** Remove a toxic: its waits end at once and what it held goes on. Unknown names are refused (with the names there are). */
  removeToxic(name: string): void {
    const t = this.installed.get(name);
    if (!t)
      throw new ToxicError(
        `[live-harness] Failed to remove toxic "${name}": there is no such toxic. The proxy has ${[...this.installed.keys()].join(', ') || 'none'}.`,
      );
    this.installed.delete(name);
    this.version++;
    t.abort.abort();
    for (const undo of t.detach.values()) undo();
    t.detach.clear();
    this.opts.onEvent?.({ action: 'toxic-removed', name, type: t.spec.type });
    if (t.toxic.kind === 'accept' && t.toxic.meet === 'refuse') void this.reopenListeners();
  }

  /** Remove every toxic. */
  clearToxics(): void {
    for (const name of [...this.installed.keys()]) this.removeToxic(name);
  }

  /** The toxics in place, in the order they apply. */
  toxics(): readonly (ToxicSpec & { readonly name: string })[] {
    return [...this.installed.values()].map((t) => ({ ...t.spec, name: t.name }));
  }

  hasToxic(name: string): boolean {
    return this.installed.has(name);
  }

  // ---- connections ----

  /**
   * Tag the connection coming from `address:port` (the client's local end):
   * which participant, stream key and host it serves. Tags set before the
   * connection is accepted wait for it.
   */
  tag(address: string, port: number, tags: ConnectionTags): void {
    const at = `${normalize(address)}:${port}`;
    for (const c of this.conns)
      if (`${normalize(c.client.remoteAddress ?? '')}:${c.client.remotePort}` === at) {
        c.tags = tags;
        this.version++;
        for (const t of this.installed.values()) if (t.toxic.kind === 'connection' && !t.detach.has(c)) this.attach(t, c);
        return;
      }
    this.tagsByClient.set(at, tags);
  }

  /**
   * Bytes the proxy has passed on to the server for the connection from
   * `address:port`; undefined when no such connection is open.
   */
  delivered(address: string, port: number): number | undefined {
    const at = `${normalize(address)}:${port}`;
    for (const c of this.conns) if (`${normalize(c.client.remoteAddress ?? '')}:${c.client.remotePort}` === at) return c.bytes('upstream');
    return undefined;
  }

  /** Open connections, and the bytes moved both ways since start. */
  stats(): { readonly open: number; readonly upBytes: number; readonly downBytes: number } {
    let up = this.totalUp;
    let down = this.totalDown;
    for (const c of this.conns) {
      up += c.bytes('upstream');
      down += c.bytes('downstream');
    }
    return { open: this.conns.size, upBytes: up, downBytes: down };
  }

  private accept(route: string, socket: Socket): void {
    socket.on('error', () => undefined);
    if (this.stopping) return void socket.destroy();
    const meet = this.acceptToxic(route);
    if (meet?.toxic.kind === 'accept') {
      if (meet.toxic.meet === 'refuse') {
        // A connection that slipped in while the listener was closing.
        this.opts.onEvent?.({ action: 'connection-refused', route });
        return void resetSocket(socket);
      }
      this.answered.add(socket);
      socket.once('close', () => this.answered.delete(socket));
      this.opts.onEvent?.({ action: 'connection-answered', route, by: meet.name });
      meet.toxic.answer?.(socket, meet.abort.signal);
      return;
    }
    const c = new ProxyConnection(++this.seq, route, socket, this.opts.routes[route], {
      stages: (conn, d) => this.stages(conn, d),
      onBytes: () => undefined,
      onClose: (conn, how) => this.closed(conn, how),
      onGhost: (conn) => this.opts.onEvent?.({ action: 'connection-ghosted', id: conn.id, route: conn.route, tags: conn.tags }),
    });
    const at = `${normalize(socket.remoteAddress ?? '')}:${socket.remotePort}`;
    const tags = this.tagsByClient.get(at);
    if (tags) {
      c.tags = tags;
      this.tagsByClient.delete(at);
    }
    this.conns.add(c);
    this.opts.onEvent?.({ action: 'connection-opened', id: c.id, route, client: at });
    for (const t of this.installed.values()) if (t.toxic.kind === 'connection' && this.matches(t.spec.match, c)) this.attach(t, c);
  }

  private closed(c: ProxyConnection, how: ConnectionEnd): void {
    this.conns.delete(c);
    this.totalUp += c.bytes('upstream');
    this.totalDown += c.bytes('downstream');
    for (const t of this.installed.values()) {
      t.detach.get(c)?.();
      t.detach.delete(c);
    }
    this.opts.onEvent?.({
      action: 'connection-closed',
      id: c.id,
      route: c.route,
      how,
      upBytes: c.bytes('upstream'),
      downBytes: c.bytes('downstream'),
      tags: c.tags,
    });
  }

  private attach(t: Installed, c: ProxyConnection): void {
    if (t.toxic.kind !== 'connection' || !this.matches(t.spec.match, c)) return;
    t.detach.set(c, t.toxic.attach(c));
  }

  private acceptToxic(route: string): Installed | undefined {
    const refuse = this.refusing(route);
    if (refuse) return refuse;
    for (const t of this.installed.values()) if (t.toxic.kind === 'accept' && (t.spec.match?.route === undefined || t.spec.match.route === route)) return t;
    return undefined;
  }

  private matches(m: ConnectionMatch | undefined, c: ProxyConnection): boolean {
    if (!m) return true;
    if (m.route !== undefined && m.route !== c.route) return false;
    if (m.who !== undefined && m.who !== c.tags.who) return false;
    if (m.role !== undefined && m.role !== c.tags.role) return false;
    if (m.key !== undefined && m.key !== c.tags.key) return false;
    if (m.host !== undefined && m.host.toLowerCase() !== c.tags.host?.toLowerCase()) return false;
    if (m.phone !== undefined && m.phone !== (c.tags.phone === true)) return false;
    return true;
  }

  private stages(c: ProxyConnection, d: Direction): readonly ActiveStage[] {
    let cached = this.stageCache.get(c);
    if (!cached || cached.version !== this.version) {
      const pick = (dir: Direction): ActiveStage[] =>
        [...this.installed.values()]
          .filter((t) => t.toxic.kind === 'stream' && t.directions.includes(dir) && this.matches(t.spec.match, c))
          .map((t) => ({ toxic: t.toxic as StreamToxic, signal: t.abort.signal }));
      cached = { version: this.version, up: pick('upstream'), down: pick('downstream') };
      this.stageCache.set(c, cached);
    }
    return d === 'upstream' ? cached.up : cached.down;
  }

  private closeListeners(route: string | undefined): void {
    for (const l of this.listeners) {
      if (route !== undefined && l.route !== route) continue;
      l.server?.close();
      l.server = undefined;
    }
  }

  private async reopenListeners(): Promise<void> {
    for (const l of this.listeners) {
      if (l.server || this.stopping || this.refusing(l.route)) continue;
      try {
        await this.listen(l);
      } catch (e) {
        // The port went to someone else while refused: say so on the timeline rather than fail silently.
        this.opts.onEvent?.({ action: 'connection-refused', route: `${l.route} (could not listen again: ${(e as Error).message})` });
      }
    }
  }

  private refusing(route: string): Installed | undefined {
    for (const t of this.installed.values()) if (t.toxic.kind === 'accept' && t.toxic.meet === 'refuse' && (t.spec.match?.route ?? route) === route) return t;
    return undefined;
  }

  // ---- lifecycle ----

  /** Close listeners, connections and toxics. Idempotent and safe to call concurrently. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const t of this.installed.values()) {
        t.abort.abort();
        for (const undo of t.detach.values()) undo();
      }
      this.installed.clear();
      for (const c of this.conns) c.destroy();
      for (const s of this.answered) s.destroy();
      await Promise.all(
        this.listeners.map(
          (l) =>
            new Promise<void>((resolve) => {
              if (!l.server) return resolve();
              l.server.close(() => resolve());
              l.server = undefined;
            }),
        ),
      );
      this.tagsByClient.clear();
    })();
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function normalize(address: string): string {
  return address.replace(/^::ffff:/, '');
}
