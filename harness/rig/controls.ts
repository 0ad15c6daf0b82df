/**
 * What a test does to the world around the page: the device (`rig.device`),
 * the network (`rig.network`) and remote anchors (`rig.streams`). The same
 * calls work in virtual time and on real media; on real media a fault the
 * rig cannot make for real says so instead of pretending.
 */
import { checkFault, type Fault, type FaultInterpreter, type FaultVerb, type NetworkProfile, type NetworkShape } from '../../mocks/link';
import { nearest, type Device, type DeviceFault } from '../../mocks/model';
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
  /** TRTC: the member also encodes a small stream (room:// encsmall=1), which a `streamtype=small` player gets */
  readonly smallStream?: boolean;
}

export class DeviceControl {
  constructor(
    private readonly dev: Device,
    private readonly note: (action: string, detail: Record<string, unknown>) => void,
    /** the app's pages hear it after the components did: onHide when it leaves, onShow when it returns */
    private readonly app: (visible: boolean) => void = () => undefined,
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
    this.app(false);
  }

  foreground(): void {
    this.note('foreground', {});
    this.dev.foreground();
    this.app(true);
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

  /** A native WeChat page (image preview, scanner, map) opens over the mini-program: players with auto-pause-if-open-native pause. */
  openNativePage(): void {
    this.note('native-page', { open: true });
    this.dev.nativePage(true);
  }

  closeNativePage(): void {
    this.note('native-page', { open: false });
    this.dev.nativePage(false);
  }

  /** The phone is turned, the system's auto-rotate on: players with enable-auto-rotation go full screen in landscape. */
  rotate(orientation: 'portrait' | 'landscape'): void {
    this.note('rotate', { orientation });
    this.dev.rotate(orientation);
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

/** What rig.network drives: a link that interprets faults (and refuses those it cannot make real), and declares resources. */
export interface NetworkBackend extends FaultInterpreter {
  readonly profile?: NetworkProfile;
  defineResource(url: string, r: { ok: boolean; durationMs?: number }): void;
}

/** One method per fault verb: adding a verb to the vocabulary without a method here does not compile. */
type FaultMethods = { readonly [V in FaultVerb]: (...args: never[]) => void };

/**
 * `rig.network`: the faults of the vocabulary (docs/faults.md), one method per
 * verb, and `apply()` for a fault given as data. The same calls work in
 * virtual time and on real media; a fault the link cannot make real throws.
 */
export class NetworkControl implements FaultMethods {
  constructor(private readonly link: NetworkBackend) {}

  /** The current profile (virtual time; real media runs on loopback). */
  get profile(): NetworkProfile | undefined {
    return this.link.profile;
  }

  /** Apply a fault given as data: `apply({ fault: 'stall', forMs: 4000 })`. A malformed one is refused, naming the field and the fix. */
  apply(fault: Fault): void {
    const issue = checkFault(fault);
    if (issue) {
      const near = issue.got !== undefined && issue.valid ? nearest(issue.got, issue.valid) : undefined;
      throw new FaultError(
        `[live-harness] Failed to apply fault ${JSON.stringify(fault)}: ${issue.field} ${issue.reason}. ${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}${issue.remedy}`,
      );
    }
    this.link.apply(fault);
  }

  /** The verbs this rig's link cannot make real yet (on real media: those that need the fault proxy). */
  knownGaps(): readonly FaultVerb[] {
    return this.link.knownGaps();
  }

  /** The phone loses its network (open sockets break, connects in flight fail, DNS fails) for `forMs`, or until restore(). */
  cut(forMs?: Duration): void {
    this.apply({ fault: 'cut', ...ms(forMs) });
  }

  /** Undo every lasting fault. */
  restore(): void {
    this.apply({ fault: 'restore' });
  }

  /** Black hole: nothing moves, nothing errors; timeouts decide. For `forMs`, or until restore(). */
  stall(forMs?: Duration): void {
    this.apply({ fault: 'stall', ...ms(forMs) });
  }

  /**
   * Silent partition: a black hole that also loses the phone's hang-ups, so the
   * server keeps what the phone gave up on (a ghost publish holds its key). For
   * `forMs`, or until restore().
   */
  partition(forMs?: Duration): void {
    this.apply({ fault: 'partition', ...ms(forMs) });
  }

  /** Lookups of `host` (every host when absent) fail, for `forMs` or until restore(). */
  failDns(host?: string, forMs?: Duration): void {
    this.apply({ fault: 'failDns', ...(host === undefined ? {} : { host }), ...ms(forMs) });
  }

  /** New connections are refused, for `forMs` or until restore(). */
  refuse(forMs?: Duration): void {
    this.apply({ fault: 'refuse', ...ms(forMs) });
  }

  /** RTMP handshakes fail, for `forMs` or until restore(). */
  failHandshake(forMs?: Duration): void {
    this.apply({ fault: 'failHandshake', ...ms(forMs) });
  }

  /** The server hangs up on connections (all, or one stream key / host). */
  serverClose(target?: string): void {
    this.apply({ fault: 'serverClose', ...(target === undefined ? {} : { target }) });
  }

  /** Sockets (all, or one stream key's / host's) break with a reset. */
  reset(target?: string): void {
    this.apply({ fault: 'reset', ...(target === undefined ? {} : { target }) });
  }

  /** Change the steady conditions: `shape({ upKbps: 300, rttMs: 200 })`. */
  shape(conditions: Partial<NetworkShape>): void {
    this.apply({ fault: 'shape', ...conditions });
  }

  /** Switch to a profile: a built-in name or an object. */
  useProfile(profile: NetworkProfile | string): void {
    this.apply({ fault: 'useProfile', profile });
  }

  /** The older name of useProfile(). */
  use(profile: NetworkProfile | string): void {
    this.useProfile(profile);
  }

  /** The older name of shape(). */
  set(conditions: Partial<NetworkShape>): void {
    this.shape(conditions);
  }

  /** Declare how fetching a resource goes (BGM, waiting image). */
  resource(url: string, r: { ok: boolean; durationMs?: number }): void {
    this.link.defineResource(url, r);
  }
}

/** A fault given as data that is not one (rig.network.apply from plain JS). */
export class FaultError extends Error {
  readonly code = 'LH_FAULT';
  constructor(message: string) {
    super(message);
    this.name = 'FaultError';
  }
}

function ms(forMs: Duration | undefined): { forMs?: number } {
  return forMs === undefined ? {} : { forMs: parseDuration(forMs) };
}

/** What a remote member sends, as it turns things on and off mid-stream. */
export interface RemoteMedia {
  /** the camera (TRTC: the `main` video) */
  readonly camera?: boolean;
  readonly mic?: boolean;
  /** TRTC: the second video, a screen share (`aux`) */
  readonly screen?: boolean;
}

/** Remote anchors: someone outside the phone publishes a stream. */
export interface StreamControl {
  /** The remote member turns its camera, microphone or screen share on or off (virtual time). */
  set(keyOrUrl: string, media: RemoteMedia): Promise<void>;
  /** Publish `live/abc` (or any push/play URL of it). Resolves once the server has it. */
  publish(keyOrUrl: string, o?: RemoteStreamOptions): Promise<void>;
  unpublish(keyOrUrl: string): Promise<void>;
  /** The anchor's uplink freezes: its connection stays, nothing is sent for `forMs`, then it goes on. */
  freeze(keyOrUrl: string, forMs: Duration): Promise<void>;
  isLive(keyOrUrl: string): boolean;
}
