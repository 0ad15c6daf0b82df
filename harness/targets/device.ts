/**
 * The `device` target: a phone reached with `remote()`, whose real live
 * components emit the real events. The DeviceDriver captures them (wrapped
 * handlers and contexts, reported through an exposed binding with the phone's
 * time) and maps them onto the host's clock by an offset measured at start;
 * that offset and its uncertainty are the first entry of the timeline.
 * Time is the wall clock. The world around the phone is real too, so faults,
 * device actions and remote anchors are not the harness's to make here: they
 * are refused with the reason, never pretended.
 */
import { parseDuration } from '../assert';
import { DeviceDriver, type DeviceDriverOptions } from '../drivers';
import type { Timeline } from '../record';
import { computeMetrics, type Duration, type OpenedResources, type ParticipantMetrics } from '../rig';
import { connectTo, type AutomatorEndpoint } from './devtools';
import { CONTEXT_CALL_SOURCE, parseSource, ProtocolPage, relaunch } from './protocol-page';
import {
  TargetError,
  type PageHandle,
  type Session,
  type SessionDevice,
  type SessionNetwork,
  type SessionOptions,
  type SessionStreams,
  type Target,
} from './target';
import type { AutomatorMiniProgram } from '../drivers';

const NO_RESOURCES: OpenedResources = Object.freeze({ server: undefined, pids: [], ports: [] });

function refuse(what: string): Promise<never> {
  return Promise.reject(
    new TargetError(
      `[live-harness] Failed to ${what} on a device session: the phone's network, hardware and the streams it reaches are real, not the harness's to change. Do it by hand on the phone, or run the scenario on simulate or automator-sim.`,
    ),
  );
}

export class DeviceSession implements Session {
  readonly realMedia = true;
  readonly opened = NO_RESOURCES;
  readonly network: SessionNetwork = { apply: (f) => refuse(`apply the fault ${JSON.stringify(f)}`), resource: (url) => refuse(`declare the resource ${url}`) };
  readonly device: SessionDevice = {
    deny: (w) => refuse(`deny the ${w}`),
    allow: (w) => refuse(`allow the ${w}`),
    background: () => refuse('send the app to the background'),
    foreground: () => refuse('bring the app to the foreground'),
    call: () => refuse('start a phone call'),
    endCall: () => refuse('end a phone call'),
    audioRoute: (r) => refuse(`route audio to ${r}`),
    fault: (f) => refuse(`inject the device fault ${f}`),
  };
  readonly streams: SessionStreams = {
    publish: (k) => refuse(`publish ${k} as a remote anchor`),
    unpublish: (k) => refuse(`unpublish ${k}`),
    freeze: (k) => refuse(`freeze ${k}`),
    set: (k) => refuse(`turn the camera, mic or screen share of ${k} off or on`),
  };
  private closed: number | undefined;

  constructor(
    readonly miniProgram: AutomatorMiniProgram,
    readonly driver: DeviceDriver,
    private readonly ownsConnection: boolean,
  ) {}

  get timeline(): Timeline {
    return this.driver.timeline;
  }
  get metrics(): Record<string, ParticipantMetrics> {
    return computeMetrics(this.driver.timeline.entries);
  }
  get problems(): readonly string[] {
    return this.driver.problems;
  }

  async ready(): Promise<void> {
    /* the phone is ready once start() measured its clock */
  }

  async loadPage(route: string, query?: Record<string, string>): Promise<PageHandle> {
    const page = await relaunch(this.miniProgram, route, query, 'the device');
    await this.driver.capturePages();
    return new ProtocolPage(page, 'the device', () => this.driver.sync());
  }

  async back(): Promise<void> {
    await this.miniProgram.callWxMethod('navigateBack', { delta: 1 });
    await this.driver.capturePages();
  }

  async context(_page: PageHandle, source: string, method: string, args: Record<string, unknown> = {}): Promise<void> {
    const { kind, id } = parseSource(source, method);
    const r = await this.miniProgram.evaluate(CONTEXT_CALL_SOURCE, kind, id, method, args);
    if (r === 'missing')
      throw new TargetError(
        `[live-harness] Failed to call ${source}.${method}(): the phone's context has no such method. Check the name against the WeChat docs.`,
      );
    await this.driver.sync();
  }

  /** Real time passes; page code on the phone runs on its own meanwhile. */
  async advance(d: Duration): Promise<void> {
    const ms = parseDuration(d);
    await new Promise<void>((r) => setTimeout(r, ms));
    await this.driver.sync();
  }

  now(): number {
    return this.closed ?? this.driver.now();
  }

  sync(): Promise<void> {
    return this.driver.sync();
  }

  async dispose(): Promise<void> {
    if (this.closed !== undefined) return;
    try {
      await this.driver.sync().catch(() => undefined);
      this.closed = this.driver.now();
      await this.driver.stop();
    } finally {
      if (this.ownsConnection) this.miniProgram.disconnect();
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** The device target for a runtime at `endpoint` (DevTools with a phone attached through `remote()`). */
export function device(endpoint: AutomatorEndpoint & DeviceDriverOptions): Target {
  return {
    name: 'device',
    capabilities: ['real-media', 'device'],
    async open(o: SessionOptions): Promise<Session> {
      if (o.clock !== 'real-media')
        throw new TargetError(
          `[live-harness] Failed to open a device session: a phone runs on the wall clock (clock 'real-media'), not ${JSON.stringify(o.clock)}.`,
        );
      const { mp, owned } = await connectTo(endpoint, 'device');
      const driver = new DeviceDriver(mp, { remote: endpoint.remote, roundTrips: endpoint.roundTrips });
      try {
        await driver.start();
      } catch (e) {
        await driver.stop().catch(() => undefined);
        if (owned) mp.disconnect();
        throw e;
      }
      return new DeviceSession(mp, driver, owned);
    },
  };
}
