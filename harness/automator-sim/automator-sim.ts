/**
 * automator-sim: an embedded server speaking the WeChat DevTools automation
 * protocol (JSON over WebSocket), hosting the mini-program in a Rig with the
 * live mocks, in virtual time or on real media. The real
 * `miniprogram-automator` client connects with `automator.connect({ wsEndpoint })`.
 *
 *   await using sim = await AutomatorSim.start({ miniprogramRoot });
 *   const mp = await automator.connect({ wsEndpoint: sim.wsEndpoint });
 */
import '../dispose-symbols';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import type { NetworkProfile } from '../../mocks/link';
import type { ClientProfile, ModelParams } from '../../mocks/model';
import { createRig, type MediaOptions, type Rig } from '../rig';
import { AppService } from './app-service';
import { appDomain } from './app-domain';
import { elementDomain } from './element-domain';
import { IdTable } from './ids';
import { Navigation } from './navigation';
import { pageDomain } from './page-domain';
import { malformedMessage, parseFrame, ProtocolError, unsupportedMessage, type DomainHandlers } from './protocol';
import type { SimHost } from './sim-host';
import { toolDomain } from './tool-domain';
import { WxMethods } from './wx-methods';
import { exparserErrors } from './exparser-errors';
import { installLiveHarness, type LiveHarnessDomain } from './live-harness-domain';

export interface AutomatorSimOptions {
  /** the mini-program (the folder with app.json) */
  readonly miniprogramRoot: string;
  /** 'virtual-time' (default): a seeded virtual network; 'real-media': real sockets to a real server */
  readonly clock?: 'virtual-time' | 'real-media';
  readonly seed?: number | string;
  readonly params?: Partial<ModelParams>;
  /** the WeChat client to behave like; Tool.getInfo's SDKVersion is its base library */
  readonly client?: Partial<ClientProfile>;
  readonly network?: NetworkProfile | string;
  /** real media: which server (default 'local': the shared embedded one) */
  readonly media?: MediaOptions;
  /** port to listen on; 0 (default) takes a free one */
  readonly port?: number;
  /** address to bind; default 127.0.0.1 (the LAN only when a device session asks) */
  readonly host?: string;
  /** 'mock' (default): the live tags run the model; 'inert': they render and emit nothing (a WeChat DevTools stand-in) */
  readonly live?: 'mock' | 'inert';
  /** offset of the app service's `Date` from the host's: a phone whose clock differs */
  readonly clockSkewMs?: number;
  /** Tool.enableRemoteDebug stands in for a phone scanning the QR code; false refuses it. Default: connects 500 ms after the reply. */
  readonly remoteDebug?: false | { readonly connectAfterMs?: number };
  /** the page open at start; default the first page of app.json, as DevTools opens it */
  readonly entryPage?: string;
  /** serve the `LiveHarness.*` domain (timeline, metrics, virtual time, faults: docs/automator-harness.md); default true */
  readonly liveHarness?: boolean;
  /** virtual time only: 'manual' (default) moves only when told (rig.advance); 'realtime' follows the wall clock, for scripts that just wait */
  readonly virtualPace?: 'manual' | 'realtime';
  /** what Tool.close does after its reply: nothing (default; DevTools keeps running), or the launched process's exit */
  readonly onToolClose?: () => void;
}

export class AutomatorSimError extends Error {
  readonly code = 'LH_AUTOMATOR_SIM';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AutomatorSimError';
  }
}

const PACE_TICK_MS = 20;

/**
 * When the stand-in phone "connects" after Tool.enableRemoteDebug is answered.
 * The client listens for Tool.onRemoteDebugConnected only once the reply is
 * handled, and its ws (6.x) handles every frame of one read at once: an event
 * that arrives in the same read as the reply is lost, and remote() waits
 * forever. Half a second apart, a loaded client still reads them apart (a
 * real phone takes seconds to scan and connect).
 */
const REMOTE_CONNECT_AFTER_MS = 500;

// ws's Node build, even where a bundler or jest's jsdom environment would pick its browser stub (which has no server).
const nodeRequire = createRequire(__filename);
function wsServer(): typeof WebSocketServer {
  return (nodeRequire('ws') as typeof import('ws')).WebSocketServer;
}

export class AutomatorSim implements AsyncDisposable {
  private readonly domains = new Map<string, DomainHandlers>();
  private readonly sockets = new Set<WebSocket>();
  private server: WebSocketServer | undefined;
  private rigInstance: Rig | undefined;
  private appService: AppService | undefined;
  private wxMethods: WxMethods | undefined;
  private releaseErrors: (() => void) | undefined;
  private paceTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private endpoint = '';
  private readonly ids = new IdTable();
  private liveHarnessDomain: LiveHarnessDomain | undefined;

  private constructor(private readonly options: AutomatorSimOptions) {}

  /** Build the rig, open the entry page, and listen. On any failure everything opened so far is closed and the error thrown. */
  static async start(options: AutomatorSimOptions): Promise<AutomatorSim> {
    const sim = new AutomatorSim(options);
    try {
      await sim.open();
    } catch (e) {
      await sim.stop().catch(() => undefined);
      throw e;
    }
    return sim;
  }

  /** `ws://127.0.0.1:<port>`: what automator.connect({ wsEndpoint }) takes. */
  get wsEndpoint(): string {
    return this.endpoint;
  }

  get port(): number {
    return Number(new URL(this.endpoint).port);
  }

  /** The rig hosting the mini-program: its timeline, clock, network and faults. */
  get rig(): Rig {
    if (!this.rigInstance)
      throw new AutomatorSimError('[live-harness] Failed to reach the rig: automator-sim is not started. Await AutomatorSim.start() first.');
    return this.rigInstance;
  }

  /** Add a domain of methods (`LiveHarness` → `LiveHarness.advance` …); a name already taken is refused. */
  registerDomain(name: string, handlers: DomainHandlers): void {
    if (!/^[A-Za-z]+$/.test(name))
      throw new AutomatorSimError(`[live-harness] Failed to register domain ${JSON.stringify(name)}: a domain is a word of letters (e.g. "LiveHarness").`);
    if (this.domains.has(name)) throw new AutomatorSimError(`[live-harness] Failed to register domain "${name}": it exists already. Pick another name.`);
    this.domains.set(name, handlers);
  }

  /** Send an event (an id-less frame) to every connected client; the client emits it under `method`. */
  emit(method: string, params: Record<string, unknown> = {}): void {
    const frame = JSON.stringify({ method, params });
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  }

  /** Close the clients, the server and the rig (every page, timer, socket and process it opened). Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private async open(): Promise<void> {
    const o = this.options;
    if (o.clock !== undefined && o.clock !== 'virtual-time' && o.clock !== 'real-media')
      throw new AutomatorSimError(
        `[live-harness] Failed to start automator-sim: clock ${JSON.stringify(o.clock)} is not available. Use 'virtual-time' or 'real-media'.`,
      );
    if (o.virtualPace !== undefined && o.virtualPace !== 'manual' && o.virtualPace !== 'realtime')
      throw new AutomatorSimError(
        `[live-harness] Failed to start automator-sim: virtualPace ${JSON.stringify(o.virtualPace)} is not available. Use 'manual' or 'realtime'.`,
      );
    const app = new AppService(
      (m, p) => this.emit(m, p),
      o.clockSkewMs ?? 0,
      (e) => this.reportException(e),
    );
    this.appService = app;
    const rig = createRig({
      seed: o.seed,
      params: o.params,
      client: o.client,
      network: o.network,
      miniprogramRoot: o.miniprogramRoot,
      live: o.live,
      appScope: (base) => app.scope(base),
      ...(o.clock === 'real-media' ? { media: o.media ?? 'local' } : {}),
    });
    this.rigInstance = rig;
    this.wxMethods = new WxMethods(rig.wx, (source) => rig.compileInAppService(source));
    const navigation = new Navigation(rig, (e) => this.reportException(e));
    const routes = navigation.functions();
    // A plugin-private:// page (the live-player-plugin's room) is not ours to open: the rig's own
    // navigateTo records it and answers as the plugin does.
    const ownNavigateTo = rig.wx.navigateTo as ((o?: unknown) => unknown) | undefined;
    const navigateTo = routes.navigateTo;
    routes.navigateTo = (o?: unknown) =>
      ownNavigateTo && /^plugin-private:\/\//.test(String((o as { url?: unknown } | undefined)?.url ?? '')) ? ownNavigateTo(o) : navigateTo(o);
    Object.assign(rig.wx, routes);
    this.releaseErrors = exparserErrors((e) => this.reportException(e));
    const host = this.host();
    this.domains.set('Tool', toolDomain(host));
    this.domains.set('App', appDomain(host));
    this.domains.set('Page', pageDomain(host));
    this.domains.set('Element', elementDomain(host));
    // What makes this more than DevTools: a script's attachHarness(miniProgram) reads the live timeline through it.
    if (o.liveHarness !== false) this.liveHarnessDomain = installLiveHarness(this);
    const entry = o.entryPage ?? [...rig.routes][0];
    if (!entry)
      throw new AutomatorSimError(`[live-harness] Failed to start automator-sim: app.json under ${o.miniprogramRoot} lists no page. Add one to "pages".`);
    await rig.loadPage(entry.replace(/^\/+/, ''));
    await this.listen(o.host ?? '127.0.0.1', o.port ?? 0);
    if (o.clock !== 'real-media' && o.virtualPace === 'realtime') this.pace();
  }

  private listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = new (wsServer())({ host, port, perMessageDeflate: false });
      this.server = server;
      server.once('error', (e) =>
        reject(
          new AutomatorSimError(`[live-harness] Failed to start automator-sim on ${host}:${port}: ${e.message}. Pick another port, or 0 for a free one.`, {
            cause: e,
          }),
        ),
      );
      server.once('listening', () => {
        // Past start, a server error (a socket torn mid-handshake) must not take the process down; each socket has its own handler.
        server.on('error', () => undefined);
        const a = server.address() as AddressInfo;
        this.endpoint = `ws://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
        resolve();
      });
      server.on('connection', (ws) => this.accept(ws));
    });
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => this.sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      const text = isBinary
        ? ''
        : Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Array.isArray(data)
            ? Buffer.concat(data).toString('utf8')
            : Buffer.from(data).toString('utf8');
      void this.handle(ws, text);
    });
  }

  private async handle(ws: WebSocket, text: string): Promise<void> {
    const req = parseFrame(text);
    if ('malformed' in req) {
      this.reply(ws, { id: req.id, error: { message: malformedMessage(req) } });
      return;
    }
    const [domain, name] = req.method.split('.');
    const handler = this.domains.get(domain)?.[name];
    if (!handler || !Object.prototype.hasOwnProperty.call(this.domains.get(domain), name)) {
      this.reply(ws, { id: req.id, error: { message: unsupportedMessage(req.method, this.methods()) } });
      return;
    }
    try {
      if (this.stopping) throw new ProtocolError(`[live-harness] Failed to run ${req.method}: automator-sim is stopping. Start a new one.`);
      const result = await handler(req.params, { method: req.method });
      this.reply(ws, { id: req.id, result: result ?? {} });
    } catch (e) {
      this.reply(ws, { id: req.id, error: { message: e instanceof Error ? e.message : String(e) } });
    }
    if (req.method === 'Tool.close') this.options.onToolClose?.();
  }

  private reply(ws: WebSocket, frame: Record<string, unknown>): void {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(frame));
  }

  /** Every method a client may call, `Domain.name`. */
  methods(): string[] {
    const out: string[] = [];
    for (const [d, h] of this.domains) for (const n of Object.keys(h)) out.push(`${d}.${n}`);
    return out;
  }

  reportException(e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e));
    const cause = err.cause instanceof Error ? err.cause : err;
    this.emit('App.exceptionThrown', { message: cause.message, stack: cause.stack ?? cause.message });
  }

  private host(): SimHost {
    const remote = this.options.remoteDebug;
    return {
      rig: this.rig,
      ids: this.ids,
      appService: this.appService as AppService,
      wxMethods: this.wxMethods as WxMethods,
      emit: (m, p) => this.emit(m, p),
      reportException: (e) => this.reportException(e),
      remoteDebug: remote === false ? false : { connectAfterMs: remote?.connectAfterMs ?? REMOTE_CONNECT_AFTER_MS },
    };
  }

  /** Virtual time that follows the wall clock, one step at a time (a step never overlaps the next). */
  private pace(): void {
    let last = Date.now();
    let busy = false;
    this.paceTimer = setInterval(() => {
      if (busy || this.stopping) return;
      busy = true;
      const now = Date.now();
      const ms = now - last;
      last = now;
      this.rig
        .advance(ms)
        .catch((e: unknown) => this.reportException(e))
        .finally(() => (busy = false));
    }, PACE_TICK_MS);
    // jest's jsdom environment hands out timers without unref.
    this.paceTimer.unref?.();
  }

  private async close(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (fn: () => unknown): Promise<void> => {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    };
    if (this.paceTimer) clearInterval(this.paceTimer);
    await attempt(() => this.liveHarnessDomain?.dispose());
    await attempt(() => {
      for (const ws of this.sockets) ws.terminate();
      this.sockets.clear();
    });
    await attempt(
      () =>
        new Promise<void>((resolve, reject) => {
          const server = this.server;
          if (!server) return resolve();
          server.close((e) => (e ? reject(e) : resolve()));
        }),
    );
    await attempt(() => this.wxMethods?.restoreAll());
    await attempt(() => this.releaseErrors?.());
    await attempt(() => this.rigInstance?.dispose());
    await attempt(() => this.appService?.dispose());
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to stop automator-sim cleanly: ${errors.length} errors.`);
  }
}
