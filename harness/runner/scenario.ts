/**
 * A scenario is data: what to load, what happens when, and what must be seen.
 * It never names a target; a target that cannot do what it needs reports the
 * scenario as not applicable instead of passing it.
 *
 * Every key here is described once more, with its meaning and an example, in
 * scenario-schema.ts: validation takes the allowed keys from there and
 * docs/scenarios.md is written from it. A key added here and not there (or
 * there and not here) fails the build.
 */
import type { ClientProfile, DeviceFault, ModelParams } from '../../mocks/model';
import type { Fault, NetworkProfile } from '../../mocks/link';
import type { SequenceStep, StepInput } from '../assert';
import type { AudienceFault } from '../audience';
import type { Duration, RemoteStreamOptions } from '../rig';

import type { Capability } from '../targets';

export type { Capability };

export type Action =
  /** a fault of the vocabulary (docs/faults.md): `{ fault: 'stall', forMs: 4000 }` */
  | Fault
  /** older spellings of faults, still accepted */
  | 'cut-network'
  | 'restore-network'
  | 'stall-network'
  | 'refuse-connections'
  | 'fail-dns'
  | 'server-close'
  | 'reset-connections'
  /** device and page */
  | 'background'
  | 'foreground'
  | 'phone-call'
  | 'end-phone-call'
  | 'deny-camera'
  | 'deny-microphone'
  | 'back'
  | {
      readonly network: {
        readonly set?: Partial<Omit<NetworkProfile, 'name' | 'incidents'>>;
        readonly stallFor?: Duration;
        readonly serverClose?: string;
        readonly failDns?: string;
      };
    }
  | { readonly device: { readonly fault?: DeviceFault; readonly audioRoute?: 'speaker' | 'headphones' } }
  /** call a method of the page instance: its own handlers, as a tap would */
  | { readonly page: string; readonly args?: readonly unknown[] }
  /** setData on the page */
  | { readonly setData: Readonly<Record<string, unknown>> }
  /** tap an element of the page's WXML (bindtap) */
  | { readonly tap: string }
  /** call a context method directly, as page code would */
  | { readonly context: string; readonly method: string; readonly args?: Readonly<Record<string, unknown>> }
  | { readonly publish: string; readonly options?: RemoteStreamOptions }
  | { readonly unpublish: string }
  /** a remote anchor's uplink freezes: connection open, nothing sent for `for` */
  | { readonly freeze: string; readonly for: Duration }
  /** a remote TRTC member turns its camera, microphone or screen share on or off */
  | { readonly remote: string; readonly camera?: boolean; readonly mic?: boolean; readonly screen?: boolean };

export interface ServerSetup {
  /**
   * A publish to a key another session still holds (after a silent partition:
   * the phone's own ghost): 'reject' the newcomer as "already publishing"
   * (node-media-server, SRS, nginx-rtmp; the default), or 'kick' the old session.
   */
  readonly publishTaken?: 'reject' | 'kick';
}

/** A viewer on the web side: Chromium playing the stream's HTTP-FLV with mpegts.js, on its own path through the fault proxy. */
export interface BrowserViewerSetup {
  /** its participant id: `browser#<id>` on the timeline, and the target of a fault on its path */
  readonly id: string;
  /** the stream key it watches */
  readonly stream: string;
  /** no new frame for this long counts as a stall; absent = 1000 */
  readonly stallMs?: number;
}

export interface TimelineStep {
  readonly at: Duration;
  readonly do?: Action | readonly Action[];
  /** a checkpoint: page data fields (deep partial) and WXML text that must hold at this time */
  readonly expect?: PageExpectation;
}

export interface PageExpectation {
  readonly data?: Readonly<Record<string, unknown>>;
  /** selector → exact text content (trimmed), or null for "not rendered" */
  readonly text?: Readonly<Record<string, string | null>>;
}

export interface EveryExpectation {
  readonly source: string;
  readonly kind: 'netstatus' | 'metric' | 'server' | 'setData' | 'statechange';
  readonly from?: Duration;
  readonly until?: Duration;
  /** netstatus: the `info` object; metric/others: the detail */
  readonly where: (value: any) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** for metrics: only samples of this metric name */
  readonly metric?: string;
  readonly describe: string;
  /**
   * Samples that may break `where`: a count (`1`) or a share of the window's
   * samples (`'10%'`, rounded down: a quantile bound). None by default, as in
   * virtual time, where a sample is exact. On real media a second of encoder,
   * server and player shares the CPU with whatever else runs: allow what one
   * late frame moves, never a pattern, and say why next to the bound.
   */
  readonly allowOutliers?: OutlierAllowance;
}

/** A number of samples, or a share of them in percent. */
export type OutlierAllowance = number | `${number}%`;

export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

export interface MetricExpectation {
  readonly firstFrameMs?: Bounds;
  readonly latencyP50Ms?: Bounds;
  readonly latencyP95Ms?: Bounds;
  readonly latencyMaxMs?: Bounds;
  readonly videoBitrateKbps?: Bounds;
  readonly reconnects?: Bounds;
}

/**
 * What a participant does about one fault: how long until it recovers (1002 /
 * 2004 again) or gives up (-1307 / -2301), how often it reconnects on the
 * way, and what the page shows meanwhile.
 */
export interface FaultExpectation {
  /** the participant judged: `pusher#id` or `player#id` */
  readonly source: string;
  /** the fault, as a step matching its timeline entry; absent = the first network action */
  readonly fault?: StepInput;
  /** ms from the fault to the participant's first 1002 (pusher) / 2004 (player) after it; none fails */
  readonly recoveryMs?: Bounds;
  /** ms from the fault to -1307 (pusher) / -2301 (player); none fails */
  readonly giveUpMs?: Bounds;
  /** reconnect warnings (1102 / 2103) from the fault until recovery, giving up, or the end */
  readonly reconnects?: Bounds;
  /** the page from the fault on: a data field and the values it takes, in order (others may come between) */
  readonly page?: PageStates;
}

export interface PageStates {
  /** a data path the page sets: `status`, `stream.status` */
  readonly field: string;
  /** values it must take after the fault, in this order */
  readonly states: readonly unknown[];
}

/** No event storm: at most `maxPerSecond` warnings (1101–1107, 2101–2108, 3001–3005) from one source in any one second. */
export interface StormExpectation {
  readonly maxPerSecond: number;
  /** one source (`pusher#pusher`), or a prefix with `*`; absent = every source */
  readonly source?: string;
}

/** An audience watching one of the scenario's streams (real media): N viewers without a page (docs/audience.md). */
export interface AudienceSetup {
  /** names it on the timeline (`audience#<id>`) and in expectations; absent = its position, from 1 */
  readonly id?: string;
  /** the stream key the page publishes (`live/abc`) */
  readonly stream: string;
  readonly viewers: number;
  readonly protocol: 'rtmp' | 'http-flv';
  /** 'burst' (default): all at once when the page has loaded; or spread over rampS seconds */
  readonly join?: 'burst' | { readonly rampS: number };
  /** shares of the audience on their own network path: a built-in profile or fault-proxy toxics */
  readonly faults?: readonly AudienceFault[];
  /** no video frame for this long is a stall; absent = 500 */
  readonly stallMs?: number;
}

/** Bounds on a distribution's percentiles. */
export interface PercentileBounds {
  readonly p50?: Bounds;
  readonly p95?: Bounds;
  readonly p99?: Bounds;
  readonly max?: Bounds;
}

/** What an audience must have seen, at the end of the story. */
export interface AudienceExpectation {
  /** which audience (its id); absent = every audience of the scenario */
  readonly id?: string;
  /** judge one path only: 'healthy', or a faulted share's name; absent = the whole audience */
  readonly of?: string;
  readonly latencyMs?: PercentileBounds;
  readonly firstFrameMs?: PercentileBounds;
  readonly stallMs?: PercentileBounds;
  readonly rateKbps?: PercentileBounds;
  /** viewers that got a first frame */
  readonly joined?: Bounds;
  /** viewers whose connection ended before the audience stopped */
  readonly left?: Bounds;
  /** viewers that stalled at least once */
  readonly stalledViewers?: Bounds;
}

export interface Expectations {
  /** ordered subsequence over the whole timeline */
  readonly sequence?: readonly SequenceStep[];
  /**
   * More ordered subsequences, each matched on its own: for participants whose
   * stories run side by side with no order between them (two viewers, the
   * server's events and the page's).
   */
  readonly sequences?: ReadonlyArray<readonly SequenceStep[]>;
  readonly never?: readonly StepInput[];
  readonly counts?: ReadonlyArray<{ readonly step: StepInput; readonly min?: number; readonly max?: number; readonly exactly?: number }>;
  /**
   * Every entry of a kind from a source inside a time window must satisfy a
   * predicate (netstatus bitrate within min/max, latency samples under 500 ms …).
   * At least one entry must be there: an empty window proves nothing.
   */
  readonly every?: ReadonlyArray<EveryExpectation>;
  readonly page?: PageExpectation;
  readonly metrics?: Readonly<Record<string, MetricExpectation>>;
  /** faults and what follows each: recovery or giving up, reconnects, the page meanwhile */
  readonly faults?: readonly FaultExpectation[];
  /** no event storm: at most so many warnings per second from one source */
  readonly noStorm?: StormExpectation;
  /** console warnings the mocks must (or must not) have raised */
  readonly warnings?: { readonly include?: readonly string[]; readonly none?: boolean };
  /** each audience's figures as distributions (real media; setup.audience) */
  readonly audience?: readonly AudienceExpectation[];
}

export interface Scenario {
  /** unique: reports and test titles go by it */
  readonly name: string;
  /** one sentence: the story it tells */
  readonly description: string;
  /** what the target must provide; absent = ['virtual-time'], [] = any target */
  readonly needs?: readonly Capability[];
  /** one seed, one timeline; the run's seed wins, absent = 1 */
  readonly seed?: number | string;
  readonly client?: Partial<ClientProfile>;
  readonly params?: Partial<ModelParams>;
  /** a built-in profile name or a profile object; absent = 'wifi' */
  readonly network?: NetworkProfile | string;
  readonly setup: {
    /** the route of the page to load, as app.json lists it */
    readonly page: string;
    /** what the page's onLoad(query) gets */
    readonly query?: Readonly<Record<string, string>>;
    /** remote anchors publishing before the page loads */
    readonly streams?: ReadonlyArray<{ readonly key: string } & RemoteStreamOptions>;
    /** permissions the user has denied */
    readonly deny?: ReadonlyArray<'camera' | 'microphone'>;
    /** URL → how fetching it goes (background music, the waiting image) */
    readonly resources?: Readonly<Record<string, { readonly ok: boolean; readonly durationMs?: number }>>;
    /** the media server's own behaviour (real media, the embedded server) */
    readonly server?: ServerSetup;
    /** viewers watching a stream in a real Chromium (real media and a browser), as `browser#<id>` */
    readonly browserViewers?: ReadonlyArray<BrowserViewerSetup>;
    /** audiences that watch from when the page has loaded until the story ends (real media) */
    readonly audience?: readonly AudienceSetup[];
  };
  readonly timeline?: readonly TimelineStep[];
  /** how long the story runs in total */
  readonly duration: Duration;
  readonly expect: Expectations;
}

/** Identity with a type: lets scenario files get checking and completion. */
export function defineScenario(s: Scenario): Scenario {
  return s;
}
