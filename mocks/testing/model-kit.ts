/**
 * A model on its own: clock, link, device and a sink that collects events.
 * For unit tests of the model and for the code-table walk; no DOM, no page.
 */
import { VirtualLink } from '../link';
import type { NetworkProfile } from '../link';
import {
  type ClientProfile,
  Device,
  type ModelEvent,
  type ModelParams,
  type ModelSink,
  PlayerModel,
  PusherModel,
  type ParticipantDeps,
  resolveClient,
  resolveParams,
} from '../model';
import { Random, VirtualClock } from '../time';

export interface KitEvent {
  readonly t: number;
  readonly source: string;
  readonly type: string;
  readonly code?: number;
  readonly detail: Record<string, unknown>;
}

export class ModelKit {
  readonly clock = new VirtualClock();
  readonly device = new Device();
  readonly link: VirtualLink;
  readonly events: KitEvent[] = [];
  readonly warnings: string[] = [];
  readonly params: ModelParams;
  readonly client: ClientProfile;
  private readonly random: Random;

  constructor(
    opts: {
      seed?: number | string;
      params?: Partial<ModelParams>;
      client?: Partial<ClientProfile>;
      network?: NetworkProfile | string;
      missingStream?: 'not-found' | 'wait';
    } = {},
  ) {
    this.params = resolveParams(opts.params);
    this.client = resolveClient(opts.client);
    this.random = new Random(opts.seed ?? 1);
    this.link = new VirtualLink({
      clock: this.clock,
      random: this.random.fork('network'),
      connectTimeoutMs: this.params.connectTimeoutMs,
      readWriteTimeoutMs: this.params.readWriteTimeoutMs,
      flvEdgeLagMs: this.params.flvEdgeLagMs,
      profile: opts.network,
      missingStream: opts.missingStream,
    });
  }

  private sink(source: string): ModelSink {
    return {
      emit: (e: ModelEvent) => {
        const code = typeof e.detail.code === 'number' ? e.detail.code : typeof e.detail.errCode === 'number' ? e.detail.errCode : undefined;
        this.events.push({ t: this.clock.now(), source, type: e.type, code, detail: e.detail });
      },
      warn: (m) => void this.warnings.push(m),
      metric: (name, detail) => void this.events.push({ t: this.clock.now(), source, type: 'metric', detail: { name, ...detail } }),
    };
  }

  private deps(kind: string, id: string): ParticipantDeps {
    const source = `${kind}#${id}`;
    return {
      id,
      clock: this.clock,
      random: this.random.fork(source),
      params: this.params,
      client: this.client,
      link: this.link,
      device: this.device,
      sink: this.sink(source),
    };
  }

  pusher(id = 'p'): PusherModel {
    return new PusherModel(this.deps('pusher', id));
  }

  player(id = 'v'): PlayerModel {
    return new PlayerModel(this.deps('player', id));
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Status and error codes in order, optionally of one source. */
  codes(source?: string): number[] {
    return this.events.filter((e) => (e.type === 'statechange' || e.type === 'error') && (!source || e.source === source)).map((e) => e.code as number);
  }

  of(type: string, source?: string): KitEvent[] {
    return this.events.filter((e) => e.type === type && (!source || e.source === source));
  }
}
