/**
 * The rig's world, models and timeline without its pages: for targets whose
 * page code runs elsewhere (WeChat DevTools, reached over the automation
 * protocol) and for replaying a trace against the model. The caller tells it
 * which live elements exist and what their attributes are; the models run
 * here, on the same clock, link and recorder a Rig uses, and their events
 * leave through the caller's EventPort.
 */
import '../dispose-symbols';
import { setImmediate as realSetImmediate } from 'node:timers';
import { AppService, type EventPort, LiveComponents, type LiveHandle, type LiveRuntime, type RecordedEvent } from '../../mocks/components';
import type { NetworkProfile } from '../../mocks/link';
import {
  DEFAULT_CLIENT,
  Device,
  type ClientProfile,
  type ModelEvent,
  type ModelParams,
  type ModelSink,
  PlayerModel,
  PusherModel,
  resolveClient,
  resolveParams,
} from '../../mocks/model';
import { type Clock, Random } from '../../mocks/time';
import { parseDuration } from '../assert';
import { Recorder, type Timeline } from '../record';
import { DeviceControl, type Duration, type NetworkControl, type StreamControl } from './controls';
import type { MediaAccess } from './media-access';
import type { MediaOptions, OpenedResources } from './media-session';
import { MediaWorld } from './media-world';
import { computeMetrics, type ParticipantMetrics } from './metrics';
import { RigError } from './rig-errors';
import { VirtualWorld } from './virtual-world';
import type { Settler, World } from './world';

export interface ModelHostOptions {
  readonly seed?: number | string;
  readonly params?: Partial<ModelParams>;
  readonly client?: Partial<ClientProfile>;
  /** virtual time only: a built-in profile name or a profile */
  readonly network?: NetworkProfile | string;
  /** real media: 'local' (the embedded server) or options; absent = virtual time */
  readonly media?: 'local' | MediaOptions;
  /** where model events go (to a remote page); default: nowhere but the timeline */
  readonly port?: EventPort;
  /** what a CDN does for a key nobody publishes. Default 'not-found'. */
  readonly missingStream?: 'not-found' | 'wait';
}

const NOWHERE: EventPort = { deliver: () => undefined };

/** Keeps no page: `isViewReady` is always true, so a context binds to whatever element the host knows. */
export class ModelHost implements LiveRuntime, Settler, AsyncDisposable {
  readonly seed: number | string;
  readonly params: ModelParams;
  readonly client: ClientProfile;
  readonly device: DeviceControl;
  readonly problems: string[] = [];
  /** the contexts' `wx` and the registry of attached elements, as a rig's components have them */
  readonly components: LiveComponents;
  /** wx.request, storage and system info as a rig's pages get them: the world's network answers requests */
  readonly appService: AppService;
  private readonly world: World;
  private readonly recorder: Recorder;
  private readonly random: Random;
  private readonly dev = new Device();
  private changed = false;
  private disposed = false;

  constructor(opts: ModelHostOptions = {}) {
    if (opts.media !== undefined && opts.network !== undefined && opts.network !== 'loopback')
      throw new RigError(
        `[live-harness] Failed to create the model host: network ${JSON.stringify(typeof opts.network === 'string' ? opts.network : opts.network.name)} cannot be made real; real media runs on loopback. Drop the network option, or run in virtual time.`,
      );
    this.seed = opts.seed ?? 1;
    this.params = resolveParams(opts.params);
    this.client = resolveClient(opts.client ?? DEFAULT_CLIENT);
    this.random = new Random(this.seed);
    const onIncident = (action: string, detail: Record<string, unknown>): void =>
      this.record({ source: 'network', kind: 'action', detail: { action, ...detail } });
    const onServerEvent = (event: string, key: string): void => this.record({ source: 'server', kind: 'server', detail: { event, key } });
    this.world =
      opts.media === undefined
        ? new VirtualWorld({
            random: this.random.fork('network'),
            params: this.params,
            network: opts.network,
            missingStream: opts.missingStream,
            virtualTimers: false,
            onIncident,
            onServerEvent,
          })
        : new MediaWorld({
            media: typeof opts.media === 'object' ? opts.media : {},
            params: this.params,
            missingStream: opts.missingStream,
            onIncident,
            onServerEvent,
            onProblem: (e) => {
              if (this.disposed) return;
              this.problems.push(e.message);
              this.record({ source: 'rig', kind: 'warning', detail: { message: e.message } });
            },
          });
    this.recorder = new Recorder(() => this.world.clock.now(), this.world.kind === 'virtual' ? 3 : 1);
    this.device = new DeviceControl(this.dev, (action, detail) => this.record({ source: 'device', kind: 'action', detail: { action, ...detail } }));
    this.components = new LiveComponents(this, opts.port ?? NOWHERE);
    this.appService = new AppService({
      client: this.client,
      later: (ms, fn) => void this.world.clock.setTimer(ms, fn),
      record: (e) => this.record(e),
    });
  }

  get clock(): Clock {
    return this.world.clock;
  }
  get timeline(): Timeline {
    return this.recorder.timeline;
  }
  get network(): NetworkControl {
    return this.world.network;
  }
  get streams(): StreamControl {
    return this.world.streams;
  }
  get realMedia(): boolean {
    return this.world.kind === 'media';
  }
  get media(): MediaAccess | undefined {
    return this.world.media;
  }
  get opened(): OpenedResources {
    return this.world.opened;
  }
  get metrics(): Record<string, ParticipantMetrics> {
    return computeMetrics(this.timeline.entries);
  }

  ready(): Promise<void> {
    this.assertLive();
    return this.world.ready();
  }

  now(): number {
    return this.clock.now();
  }

  // ---------------------------------------------------------------- LiveRuntime

  newPusher(source: string, elementId: string, sink: ModelSink): PusherModel {
    return new PusherModel(this.deps(source, elementId, sink));
  }

  newPlayer(source: string, elementId: string, sink: ModelSink): PlayerModel {
    return new PlayerModel(this.deps(source, elementId, sink));
  }

  record(e: RecordedEvent): void {
    this.changed = true;
    this.recorder.record(e);
  }

  isViewReady(): boolean {
    return true;
  }

  describeScope(): string | undefined {
    return undefined;
  }

  private deps(label: string, id: string, sink: ModelSink) {
    return { id, clock: this.clock, random: this.random.fork(label), params: this.params, client: this.client, link: this.world.link, device: this.dev, sink };
  }

  // ---------------------------------------------------------------- elements

  /**
   * A live element appeared (on a remote page): its model starts from these
   * attributes (autopush/autoplay act now). `source` names it on the timeline
   * (`pusher#id` unless given). `owner` is whatever the caller uses to tell pages apart.
   */
  attach(kind: 'pusher' | 'player', id: string, attributes: Record<string, unknown>, owner?: unknown, source = `${kind}#${id}`): LiveHandle {
    this.assertLive();
    const port = this.components.port;
    const element = { source, elementId: id, triggerEvent: () => undefined };
    const sink: ModelSink = {
      emit: (e: ModelEvent) => {
        const code = typeof e.detail.code === 'number' ? e.detail.code : typeof e.detail.errCode === 'number' ? e.detail.errCode : undefined;
        this.record({ source, kind: e.type, code, detail: e.detail });
        port.deliver(element, e.type, e.detail);
      },
      warn: (message, detail) => this.record({ source, kind: 'warning', detail: { message, ...(detail ?? {}) } }),
      metric: (name, detail) => this.record({ source, kind: 'metric', detail: { name, ...detail } }),
    };
    const handle: LiveHandle =
      kind === 'pusher'
        ? { kind, id, source, owner, model: this.newPusher(source, id, sink) }
        : { kind, id, source, owner, model: this.newPlayer(source, id, sink) };
    this.components.registry.track(handle);
    this.record({ source, kind: 'lifecycle', detail: { name: 'attached' } });
    handle.model.insert(attributes as never);
    return handle;
  }

  /** The element's attributes changed (only the changed ones need be given). */
  update(handle: LiveHandle, attributes: Record<string, unknown>): void {
    handle.model.update(attributes as never);
  }

  /** The element left the page. */
  detach(handle: LiveHandle): void {
    this.components.registry.untrack(handle);
    handle.model.remove();
    this.record({ source: handle.source, kind: 'lifecycle', detail: { name: 'detached' } });
  }

  /** A live context over the host's elements, as `wx.createLive*Context(id)` gives page code. */
  context(kind: 'pusher' | 'player', id: string | undefined): Record<string, unknown> {
    return kind === 'pusher' ? this.components.wx.createLivePusherContext(id) : this.components.wx.createLivePlayerContext(id ?? '');
  }

  // ---------------------------------------------------------------- time

  /** Move time forward; `settler` lets the remote page run between events (default: this host's own settle). */
  async advance(d: Duration, settler: Settler = this): Promise<void> {
    this.assertLive();
    await this.world.advance(parseDuration(d), settler);
  }

  get dirty(): boolean {
    return this.changed;
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      this.changed = false;
      await new Promise<void>((r) => realSetImmediate(r));
      if (!this.changed) break;
    }
  }

  /** Let a caller's settler reset the flag it reads. */
  clean(): void {
    this.changed = false;
  }

  // ---------------------------------------------------------------- teardown

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const h of this.components.registry.handles()) {
      try {
        this.detach(h);
      } catch {
        /* the world goes next; a model that fails to stop has nothing left to stop */
      }
    }
    await this.world.dispose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new RigError('[live-harness] Failed to use the model host: it was disposed. Create a new one per run.');
  }
}
