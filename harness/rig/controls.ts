/**
 * What a test does to the world around the page: the device (`rig.device`),
 * the network (`rig.network`) and remote anchors (`rig.streams`). The same
 * calls work in virtual time and on real media; on real media a fault the
 * rig cannot make for real says so instead of pretending.
 */
import type { NetworkProfile } from '../../mocks/link';
import type { Device, DeviceFault } from '../../mocks/model';
import { parseDuration } from '../assert';

export type Duration = number | string;

export interface RemoteStreamOptions {
  readonly videoKbps?: number;
  readonly audioKbps?: number;
  readonly fps?: number;
  readonly gopSeconds?: number;
  readonly width?: number;
  readonly height?: number;
  readonly audioOnly?: boolean;
}

export class DeviceControl {
  constructor(
    private readonly dev: Device,
    private readonly note: (action: string, detail: Record<string, unknown>) => void,
  ) {}

  deny(what: 'camera' | 'microphone'): void {
    this.note('deny', { permission: what });
    this.dev.setPermission(what, false);
  }

  allow(what: 'camera' | 'microphone'): void {
    this.note('allow', { permission: what });
    this.dev.setPermission(what, true);
  }

  /** The app goes to the background (home button, capsule "hang up"). */
  background(): void {
    this.note('background', {});
    this.dev.background();
  }

  foreground(): void {
    this.note('foreground', {});
    this.dev.foreground();
  }

  /** A phone or WeChat call interrupts (5001 on Android). */
  call(): void {
    this.note('call-start', {});
    this.dev.startCall();
  }

  endCall(): void {
    this.note('call-end', {});
    this.dev.endCall();
  }

  /** Headphones plugged/unplugged (player 2030). */
  audioRoute(route: 'speaker' | 'headphones'): void {
    this.note('audio-route', { route });
    this.dev.audioRoute(route);
  }

  /** Make the device produce a hardware fault on the next start/play. */
  fault(name: DeviceFault): void {
    this.dev.inject(name);
    this.note('fault', { fault: name });
  }

  clearFaults(): void {
    this.dev.clear();
  }

  get inBackground(): boolean {
    return this.dev.inBackground;
  }
}

/** The network operations a link offers; the media link refuses the ones it cannot make real. */
export interface NetworkBackend {
  readonly profile?: NetworkProfile;
  useProfile(profile: NetworkProfile | string): void;
  set(conditions: Partial<Omit<NetworkProfile, 'name' | 'incidents'>>): void;
  cut(): void;
  stall(forMs?: number): void;
  unstall(): void;
  failDns(host?: string): void;
  refuse(): void;
  failHandshake(): void;
  restore(): void;
  serverClose(target?: string): void;
  reset(target?: string): void;
  defineResource(url: string, r: { ok: boolean; durationMs?: number }): void;
}

export class NetworkControl {
  constructor(private readonly link: NetworkBackend) {}

  /** The current profile (virtual time; real media runs on loopback). */
  get profile(): NetworkProfile | undefined {
    return this.link.profile;
  }

  use(profile: NetworkProfile | string): void {
    this.link.useProfile(profile);
  }

  set(conditions: Partial<Omit<NetworkProfile, 'name' | 'incidents'>>): void {
    this.link.set(conditions);
  }

  /** The phone loses its network (open sockets break, DNS fails) until restore(). */
  cut(): void {
    this.link.cut();
  }

  /** Black hole: nothing moves, nothing errors; timeouts decide. */
  stall(forMs?: Duration): void {
    this.link.stall(forMs === undefined ? undefined : parseDuration(forMs));
  }

  failDns(host?: string): void {
    this.link.failDns(host);
  }

  refuse(): void {
    this.link.refuse();
  }

  failHandshake(): void {
    this.link.failHandshake();
  }

  restore(): void {
    this.link.unstall();
    this.link.restore();
  }

  /** The server hangs up on connections (all, or one stream key / host). */
  serverClose(target?: string): void {
    this.link.serverClose(target);
  }

  reset(target?: string): void {
    this.link.reset(target);
  }

  /** Declare how fetching a resource goes (BGM, waiting image). */
  resource(url: string, r: { ok: boolean; durationMs?: number }): void {
    this.link.defineResource(url, r);
  }
}

/** Remote anchors: someone outside the phone publishes a stream. */
export interface StreamControl {
  /** Publish `live/abc` (or any push/play URL of it). Resolves once the server has it. */
  publish(keyOrUrl: string, o?: RemoteStreamOptions): Promise<void>;
  unpublish(keyOrUrl: string): Promise<void>;
  /** The anchor's uplink freezes: its connection stays, nothing is sent for `forMs`, then it goes on. */
  freeze(keyOrUrl: string, forMs: Duration): Promise<void>;
  isLive(keyOrUrl: string): boolean;
}
