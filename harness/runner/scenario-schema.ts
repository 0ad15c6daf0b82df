/**
 * The one description of what a scenario may say: every key at every depth,
 * its type, what it means and an example. Validation derives the allowed keys
 * (and the "Did you mean") from it, docs/scenarios.md is rendered from it, and
 * the compiler holds it to the Scenario type: `object<T>()` must list exactly
 * the keys of T, required where T requires them, so a key added to the type
 * and not here (or here and not in the type) fails `tsc`.
 */
import { DEFAULT_PARAMS, DEVICE_FAULTS, type ModelParams, type Platform } from '../../mocks/model';
import { BUILTIN_PROFILES, FAULT_VERBS, type NetworkProfile } from '../../mocks/link';
import type { StepObject } from '../assert';
import { FAULT_STRING_ACTIONS, NETWORK_KEYS } from './fault-actions';
import type {
  Action,
  AudienceExpectation,
  AudienceSetup,
  Capability,
  EveryExpectation,
  Expectations,
  FaultExpectation,
  MetricExpectation,
  PercentileBounds,
  PageExpectation,
  PageStates,
  Scenario,
  ServerSetup,
  StormExpectation,
  TimelineStep,
} from './scenario';

/** A value with no keys of its own to check: its type as the docs write it, and for a name from a list, the list. */
export interface LeafNode {
  readonly kind: 'leaf';
  readonly type: string;
  /** the names it may be */
  readonly values?: readonly string[];
  /** what one of them is called: "capability", "device fault" */
  readonly noun?: string;
  /** said after the list of names when one is wrong */
  readonly hint?: string;
}

export interface ListNode {
  readonly kind: 'list';
  readonly of: SchemaNode;
}

/** An object whose keys the author chooses (selectors, data paths, URLs, sources); only its values are described. */
export interface RecordNode {
  readonly kind: 'record';
  /** what a key is, for the docs: 'selector', 'url' */
  readonly key: string;
  readonly of: SchemaNode;
}

/** One of several forms, told apart by the value itself. */
export interface UnionNode {
  readonly kind: 'union';
  readonly type: string;
  readonly members: readonly SchemaNode[];
  /** the member whose keys a value must have; undefined: none to check (a string, a number) */
  readonly pick: (value: unknown) => SchemaNode | undefined;
}

/** A timeline action: a string, or an object told apart by its first form key (in ACTION_FORMS order, as actions.ts performs them). */
export interface ActionNode {
  readonly kind: 'action';
}

export interface ObjectNode {
  readonly kind: 'object';
  /** the heading of its section in docs/scenarios.md */
  readonly name: string;
  /** how an error names it: "expect", "a timeline step" */
  readonly title: string;
  readonly doc: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** a value of this object, as source (plain JS: a test evaluates and validates it) */
  readonly example: string;
}

export type SchemaNode = LeafNode | ListNode | RecordNode | UnionNode | ActionNode | ObjectNode;

interface FieldBase {
  readonly node: SchemaNode;
  /** one line: what it means, and what its absence means */
  readonly doc: string;
  /** a value, as source */
  readonly example: string;
}
export interface OptionalField extends FieldBase {
  readonly required?: never;
}
export interface RequiredField extends FieldBase {
  readonly required: true;
  /** what to do when it is missing */
  readonly remedy: string;
}
export type FieldSpec = OptionalField | RequiredField;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the type an optional key may be left out of
type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;

/** Exactly the keys of T: a required key must be marked required, an optional one must not. */
export type FieldsOf<T> = { readonly [K in keyof T]-?: IsOptional<T, K> extends true ? OptionalField : RequiredField };

function object<T>(name: string, title: string, doc: string, fields: FieldsOf<T>, example: string): ObjectNode {
  return { kind: 'object', name, title, doc, fields, example };
}

const leaf = (type: string): LeafNode => ({ kind: 'leaf', type });
const list = (of: SchemaNode): ListNode => ({ kind: 'list', of });
const record = (key: string, of: SchemaNode): RecordNode => ({ kind: 'record', key, of });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const STRING = leaf('string');
const NUMBER = leaf('number');
const BOOLEAN = leaf('boolean');
const ANY = leaf('any');
const DURATION = leaf('[Duration](#durations)');
const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(' | ');
const oneOf = (noun: string, values: readonly string[], hint?: string): LeafNode => ({
  kind: 'leaf',
  type: quoted(values),
  values,
  noun,
  ...(hint ? { hint } : {}),
});

/** Every member of the union T, no more: a list left behind by its type fails the build. */
const allOf =
  <T extends string>() =>
  <const V extends readonly T[]>(values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : { readonly missing: Exclude<T, V[number]> })): V =>
    values;

const PROFILE_NAMES = Object.keys(BUILTIN_PROFILES);

type Elem<T> = NonNullable<T> extends ReadonlyArray<infer E> ? E : never;
type Val<T> = NonNullable<T> extends Readonly<Record<string, infer V>> ? V : never;
type Setup = Scenario['setup'];
type Stream = Elem<Setup['streams']>;
type Resource = Val<Setup['resources']>;
type BrowserViewerSetup = Elem<Setup['browserViewers']>;
type Count = Elem<Expectations['counts']>;
type Warnings = NonNullable<Expectations['warnings']>;
type ObjectAction = Exclude<Action, string>;
/** The form(s) of Action with key K (distributed over a union of keys). */
type FormOf<K extends PropertyKey> = K extends PropertyKey ? Extract<ObjectAction, { readonly [P in K]: unknown }> : never;
/** What a scenario's `network` object may hold: the profile's fields, each optional when `extends` names a built-in profile to start from. */
type ProfileInput = Partial<NetworkProfile> & { readonly extends?: string };

export const BOUNDS = object<NonNullable<MetricExpectation['firstFrameMs']>>(
  'Bounds',
  'bounds',
  'An inclusive range; give one end or both.',
  {
    min: { node: NUMBER, doc: 'the least value that passes; absent = no lower bound', example: '1000' },
    max: { node: NUMBER, doc: 'the largest value that passes; absent = no upper bound', example: '3000' },
  },
  '{ min: 1000, max: 3000 }',
);

export const STEP_OBJECT = object<StepObject>(
  'Step',
  'a step',
  'One expected timeline entry, in a `sequence`, `never` or `counts`. A step is a code (`1002`), a string in the step grammar ' +
    "(`'pusher#p 1002 within 1s'`, see [steps.md](steps.md)), or this object; every key given must match, and a step must " +
    'name at least one of code, source, kind, where.',
  {
    code: { node: NUMBER, doc: 'the status or error code; a bare code matches statechange and error entries only', example: '1002' },
    source: {
      node: STRING,
      doc: 'who emitted it: `pusher#id`, `player#id`, `page`, `network`, `device`, `server`, `rig`; a trailing `*` is a prefix',
      example: "'player#*'",
    },
    kind: {
      node: leaf('[entry kind](steps.md)'),
      doc: 'the kind of entry: `statechange`, `netstatus`, `error`, `call`, `setData`, `action`, `warning`, `metric`, `server` …',
      example: "'call'",
    },
    where: { node: leaf('(detail) => boolean'), doc: "a predicate on the entry's detail; a throw counts as no match", example: "(d) => d.method === 'start'" },
    within: { node: DURATION, doc: 'at most this long after the previous matched step (or the start, for the first)', example: "'3s'" },
    after: { node: DURATION, doc: 'at least this long after the previous matched step', example: "'1s'" },
    label: { node: STRING, doc: 'how reports name the step; absent = the step written out', example: "'the page restarts the pusher'" },
  },
  "{ source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start', within: '20s' }",
);

const STEP: UnionNode = {
  kind: 'union',
  type: 'number | string | [Step](#step)',
  members: [NUMBER, STRING, STEP_OBJECT],
  pick: (v) => (isObject(v) ? STEP_OBJECT : undefined),
};

export const PAGE_EXPECTATION = object<PageExpectation>(
  'Page expectation',
  'a page expectation',
  'What the page shows: fields of its data and the text of its WXML. At the end of the story (`expect.page`) or at a checkpoint (`timeline[i].expect`).',
  {
    data: {
      node: record('data path', ANY),
      doc: "data fields that must equal these values (deep equality); a key may be a path: `'stream.status'`",
      example: "{ status: 'pushing', restarts: 0 }",
    },
    text: {
      node: record('selector', leaf('string | null')),
      doc: 'selector → the exact text content (trimmed), or null for "not rendered"; selectors as in [page-api.md](page-api.md)',
      example: "{ '#status': 'reconnecting', '.error': null }",
    },
  },
  "{ data: { status: 'reconnecting' }, text: { '#status': 'reconnecting' } }",
);

export const STREAM = object<Stream>(
  'Stream',
  'a stream',
  'A remote anchor: someone outside the phone publishes this stream before the page loads, for a viewer page to watch. Virtual or real media alike.',
  {
    key: {
      node: STRING,
      required: true,
      remedy: "Name the stream key, e.g. key: 'live/demo'.",
      doc: 'the stream key, as in the play URL',
      example: "'live/demo'",
    },
    videoKbps: { node: NUMBER, doc: 'video bitrate; absent = `params.remoteStreamBitrateKbps` (900)', example: '1200' },
    audioKbps: { node: NUMBER, doc: 'audio bitrate; absent = 64', example: '48' },
    fps: { node: NUMBER, doc: 'frames per second; absent = 15', example: '25' },
    gopSeconds: { node: NUMBER, doc: 'key-frame interval; absent = `params.encoderGopSeconds` (2)', example: '1' },
    width: { node: NUMBER, doc: 'video width in pixels; absent = 540', example: '720' },
    height: { node: NUMBER, doc: 'video height in pixels; absent = 960', example: '1280' },
    audioOnly: { node: BOOLEAN, doc: 'no video at all', example: 'true' },
    smallStream: {
      node: BOOLEAN,
      doc: 'TRTC: the member also encodes a small stream (`encsmall=1`) that a `streamtype=small` player gets; absent = main stream only',
      example: 'true',
    },
  },
  "{ key: 'live/demo', videoKbps: 1200, fps: 25 }",
);

export const RESOURCE = object<Resource>(
  'Resource',
  'a resource',
  'How fetching a file the pusher needs goes (background music, the waiting image).',
  {
    ok: {
      node: BOOLEAN,
      required: true,
      remedy: 'Say whether the fetch succeeds: ok: true or ok: false.',
      doc: 'whether the fetch succeeds',
      example: 'false',
    },
    durationMs: { node: NUMBER, doc: 'how long the fetch takes; for music, also how long it plays', example: '30000' },
  },
  '{ ok: true, durationMs: 30000 }',
);

export const SERVER = object<ServerSetup>(
  'Server',
  'server',
  "The media server's own behaviour. Real media with the embedded server only: an external server (`LIVE_HARNESS_SERVER`) keeps its own rules, and in virtual time the server rejects a second publisher.",
  {
    publishTaken: {
      node: oneOf('policy', allOf<NonNullable<ServerSetup['publishTaken']>>()(['reject', 'kick'])),
      doc: "a publish to a key another session still holds (after a silent partition, the phone's own ghost): `'reject'` the newcomer as \"already publishing\" (node-media-server, SRS and nginx-rtmp do; the default) or `'kick'` the old session. The timeline shows `server publish-taken` with the policy",
      example: "'kick'",
    },
  },
  "{ publishTaken: 'kick' }",
);

export const BROWSER_VIEWER = object<BrowserViewerSetup>(
  'BrowserViewer',
  'a browser viewer',
  "A viewer on the web side: a real Chromium plays the stream's HTTP-FLV with mpegts.js, on its own path through the fault proxy (docs/browser-viewers.md). Needs real media and a browser: a run without either reports the scenario not applicable.",
  {
    id: {
      node: STRING,
      required: true,
      remedy: "Name the viewer, e.g. id: 'web': its events go under browser#web.",
      doc: "its participant id: events go under `browser#<id>`; a fault on its path targets `'browser#<id>'`",
      example: "'web'",
    },
    stream: {
      node: STRING,
      required: true,
      remedy: "Name the stream key it watches, e.g. stream: 'live/demo'.",
      doc: 'the stream key it watches',
      example: "'live/demo'",
    },
    stallMs: { node: NUMBER, doc: 'no new frame for this long counts as a stall; absent = 1000', example: '1500' },
  },
  "{ id: 'web', stream: 'live/demo' }",
);

type AudienceFaultInput = Elem<AudienceSetup['faults']>;
type RampInput = Exclude<NonNullable<AudienceSetup['join']>, string>;

export const AUDIENCE_FAULT = object<AudienceFaultInput>(
  'Audience fault',
  'an audience fault',
  'A share of an audience on its own network path: its own fault proxy in front of the server, with a built-in profile (its delay and loss, and each viewer its own downlink cap) or toxics ([faults.md](faults.md), "Toxics"). Give exactly one of `profile` and `toxics`.',
  {
    share: {
      node: NUMBER,
      required: true,
      remedy: 'Say which share of the viewers it takes, e.g. share: 0.1.',
      doc: 'the share of the viewers, in (0, 1]; spread evenly over the audience (and over a ramp)',
      example: '0.1',
    },
    profile: { node: oneOf('built-in profile', PROFILE_NAMES), doc: 'a built-in network profile', example: "'3g'" },
    toxics: {
      node: leaf('[toxic](faults.md#toxics)[]'),
      doc: "fault-proxy toxics on the share's connections",
      example: "[{ type: 'latency', latencyMs: 500, direction: 'downstream' }]",
    },
    name: {
      node: STRING,
      doc: 'how reports and `expect.audience[].of` name the share; absent = the profile, or the toxics written out',
      example: "'weak viewers'",
    },
  },
  "{ share: 0.1, profile: '3g' }",
);

const RAMP = object<RampInput>(
  'Ramp',
  'a ramp',
  'Viewers join one by one, evenly over `rampS` seconds.',
  {
    rampS: {
      node: NUMBER,
      required: true,
      remedy: 'Say over how many seconds they join, e.g. rampS: 30.',
      doc: 'seconds from the first to the last join, 0–600',
      example: '30',
    },
  },
  '{ rampS: 30 }',
);

const JOIN: UnionNode = {
  kind: 'union',
  type: "'burst' | { rampS }",
  members: [oneOf('join', ['burst']), RAMP],
  pick: (v) => (isObject(v) ? RAMP : undefined),
};

export const AUDIENCE = object<AudienceSetup>(
  'Audience',
  'an audience',
  'N lightweight viewers of a stream the page publishes (real media; [audience.md](audience.md)): no page and no model each, in worker threads. They join once the page has loaded (a viewer that arrives before the publish waits for it) and watch until the story ends. Join and leave are on the timeline as counts (source `audience#<id>`); the result carries each figure as a distribution (`audience` in results.json).',
  {
    id: { node: STRING, doc: 'names it on the timeline and in `expect.audience`; absent = its position, from 1', example: "'crowd'" },
    stream: {
      node: STRING,
      required: true,
      remedy: 'Name the stream key the page publishes, e.g. "live/demo".',
      doc: 'the stream key the page publishes',
      example: "'live/demo'",
    },
    viewers: { node: NUMBER, required: true, remedy: 'Say how many viewers watch, e.g. viewers: 100.', doc: 'how many viewers, 1–5000', example: '100' },
    protocol: {
      node: oneOf('protocol', allOf<AudienceSetup['protocol']>()(['rtmp', 'http-flv'])),
      required: true,
      remedy: 'Say how they play: protocol: "rtmp" or "http-flv".',
      doc: 'how the viewers play',
      example: "'http-flv'",
    },
    join: { node: JOIN, doc: "all at once (`'burst'`, the default) or spread over a ramp", example: '{ rampS: 10 }' },
    faults: {
      node: list(AUDIENCE_FAULT),
      doc: 'shares of the audience on a weak or faulted path; the rest watch on the plain path (`healthy`)',
      example: "[{ share: 0.1, profile: '3g' }]",
    },
    stallMs: { node: NUMBER, doc: 'no video frame for this long is a stall; absent = 500', example: '1000' },
  },
  "{ stream: 'live/demo', viewers: 100, protocol: 'http-flv', join: { rampS: 10 }, faults: [{ share: 0.1, profile: '3g' }] }",
);

export const PERCENTILE_BOUNDS = object<PercentileBounds>(
  'Percentile bounds',
  'percentile bounds',
  "Bounds on a distribution's percentiles (read from its histogram: within ~2% of the true value).",
  {
    p50: { node: BOUNDS, doc: 'the median', example: '{ max: 500 }' },
    p95: { node: BOUNDS, doc: 'the 95th percentile', example: '{ max: 1500 }' },
    p99: { node: BOUNDS, doc: 'the 99th percentile', example: '{ max: 3000 }' },
    max: { node: BOUNDS, doc: 'the largest value', example: '{ max: 5000 }' },
  },
  '{ p95: { max: 1500 } }',
);

export const AUDIENCE_EXPECTATION = object<AudienceExpectation>(
  'Audience expectation',
  'an audience expectation',
  "What an audience saw, judged when the story ends: its distributions' percentiles and its viewer counts, for the whole audience or one path (`of`).",
  {
    id: { node: STRING, doc: 'which audience (its `id`); absent = every audience of the scenario', example: "'crowd'" },
    of: {
      node: STRING,
      doc: "judge one path: `'healthy'` (the viewers on the plain path) or a faulted share's name; absent = the whole audience",
      example: "'healthy'",
    },
    latencyMs: { node: PERCENTILE_BOUNDS, doc: "one sample per video frame: arrival − the publisher's in-band clock", example: '{ p95: { max: 1500 } }' },
    firstFrameMs: { node: PERCENTILE_BOUNDS, doc: 'one sample per viewer: connect to first video frame', example: '{ p95: { max: 3000 } }' },
    stallMs: { node: PERCENTILE_BOUNDS, doc: 'one sample per stall: how long it lasted', example: '{ max: { max: 2000 } }' },
    rateKbps: { node: PERCENTILE_BOUNDS, doc: 'one sample per viewer per second: kbit received', example: '{ p50: { min: 500 } }' },
    joined: { node: BOUNDS, doc: 'viewers that got a first frame', example: '{ min: 100 }' },
    left: { node: BOUNDS, doc: 'viewers whose connection ended before the audience stopped', example: '{ max: 0 }' },
    stalledViewers: { node: BOUNDS, doc: 'viewers that stalled at least once', example: '{ max: 0 }' },
  },
  "{ of: 'healthy', latencyMs: { p95: { max: 1500 } }, stalledViewers: { max: 0 } }",
);

export const SETUP = object<Setup>(
  'setup',
  'setup',
  'What is there before the story starts: the page, its query, remote streams, denied permissions, resources.',
  {
    page: {
      node: STRING,
      required: true,
      remedy: 'Name the page route to load, e.g. "pages/push/push".',
      doc: 'the route of the page to load, as app.json lists it',
      example: "'pages/push/push'",
    },
    query: { node: record('name', STRING), doc: "the query the page's `onLoad(query)` gets", example: "{ room: 'demo' }" },
    streams: { node: list(STREAM), doc: 'remote anchors that publish before the page loads', example: "[{ key: 'live/demo' }]" },
    deny: {
      node: list(oneOf('permission', allOf<Elem<Setup['deny']>>()(['camera', 'microphone']))),
      doc: 'permissions the user has denied',
      example: "['camera']",
    },
    resources: {
      node: record('url', RESOURCE),
      doc: 'how fetching each URL goes',
      example: "{ 'https://cdn.example.com/bgm.mp3': { ok: true, durationMs: 30000 } }",
    },
    server: { node: SERVER, doc: "the media server's own behaviour (real media, embedded server)", example: "{ publishTaken: 'kick' }" },
    browserViewers: {
      node: list(BROWSER_VIEWER),
      doc: 'viewers watching a stream in a real Chromium, started after the page loads (real media and a browser)',
      example: "[{ id: 'web', stream: 'live/demo' }]",
    },
    audience: {
      node: list(AUDIENCE),
      doc: 'audiences of lightweight viewers, from when the page has loaded until the story ends (real media)',
      example: "[{ stream: 'live/demo', viewers: 100, protocol: 'http-flv' }]",
    },
  },
  "{ page: 'pages/play/play', query: { key: 'live/demo' }, streams: [{ key: 'live/demo' }] }",
);

const older = (action: string): string => `the older spelling of \`{ fault: '${FAULT_STRING_ACTIONS.get(action)}' }\``;

/** The string actions, each with what it does; the type lists them all, no more. */
export const STRING_ACTIONS: { readonly [K in Extract<Action, string>]: string } = {
  'cut-network': older('cut-network'),
  'restore-network': older('restore-network'),
  'stall-network': older('stall-network'),
  'refuse-connections': older('refuse-connections'),
  'fail-dns': older('fail-dns'),
  'server-close': older('server-close'),
  'reset-connections': older('reset-connections'),
  background: 'the app goes to the background: the page gets onHide, the pusher pauses or shows its waiting image',
  foreground: 'the app comes back: the page gets onShow',
  'phone-call': 'a phone call interrupts capture and playback',
  'end-phone-call': 'the phone call ends',
  'deny-camera': 'the user revokes the camera permission',
  'deny-microphone': 'the user revokes the microphone permission',
  back: 'navigate back: the page unloads',
};

export interface ActionForm {
  readonly node: ObjectNode | LeafNode;
  readonly doc: string;
  readonly example: string;
}

/**
 * Every object form of Action, keyed by the key that tells it apart. A second
 * argument is demanded (and the build fails) while some form of Action has no
 * entry here.
 */
function forms<K extends string>(
  f: { readonly [P in K]: ActionForm },
  ..._missing: [Exclude<ObjectAction, FormOf<K>>] extends [never] ? [] : ['a form of Action is missing here', Exclude<ObjectAction, FormOf<K>>]
): { readonly [P in K]: ActionForm } {
  return f;
}

export const ACTION_FORMS = forms({
  fault: {
    node: leaf('[Fault](faults.md)'),
    doc: `a fault of the vocabulary with its parameters: ${FAULT_VERBS.map((v) => `\`${v}\``).join(', ')} (see [faults.md](faults.md))`,
    example: "{ fault: 'stall', forMs: 4000 }",
  },
  network: {
    node: leaf('{ network: { … } }'),
    doc: `the older form of faults, still accepted: ${[...NETWORK_KEYS].map(([k, { verb }]) => `\`${k}\` (${verb})`).join(', ')}`,
    example: "{ network: { stallFor: '4s' } }",
  },
  device: {
    node: object<FormOf<'device'>>(
      'device action',
      'the device action',
      '',
      {
        device: {
          required: true,
          remedy: 'Name the device change.',
          node: object<FormOf<'device'>['device']>(
            'device',
            'device',
            '',
            {
              fault: { node: oneOf('device fault', DEVICE_FAULTS), doc: 'a hardware fault', example: "'camera-open-fail'" },
              audioRoute: {
                node: oneOf('audio route', allOf<NonNullable<FormOf<'device'>['device']['audioRoute']>>()(['speaker', 'headphones'])),
                doc: 'where the sound goes',
                example: "'headphones'",
              },
            },
            "{ fault: 'camera-open-fail' }",
          ),
          doc: 'a hardware fault or an audio route change',
          example: "{ fault: 'camera-open-fail' }",
        },
      },
      "{ device: { fault: 'camera-open-fail' } }",
    ),
    doc: `a hardware fault (${DEVICE_FAULTS.map((f) => `\`${f}\``).join(', ')}), or \`audioRoute: 'speaker' | 'headphones'\``,
    example: "{ device: { audioRoute: 'headphones' } }",
  },
  page: {
    node: object<FormOf<'page'>>(
      'page action',
      'the page action',
      '',
      {
        page: {
          node: STRING,
          required: true,
          remedy: 'Name the page method.',
          doc: 'a method of the page instance: its own handler, as a tap would call it',
          example: "'switchStream'",
        },
        args: { node: list(ANY), doc: 'the arguments', example: "['live/other']" },
      },
      "{ page: 'switchStream', args: ['live/other'] }",
    ),
    doc: 'call a method of the page instance (its own handlers), with `args`',
    example: "{ page: 'switchStream', args: ['live/other'] }",
  },
  setData: {
    node: object<FormOf<'setData'>>(
      'setData action',
      'the setData action',
      '',
      { setData: { node: record('data path', ANY), required: true, remedy: 'Give the data to set.', doc: "the page's setData", example: "{ mode: 'RTC' }" } },
      "{ setData: { mode: 'RTC' } }",
    ),
    doc: '`setData` on the page: the attributes bound to it change as they would on the phone',
    example: "{ setData: { mode: 'RTC' } }",
  },
  tap: {
    node: object<FormOf<'tap'>>(
      'tap action',
      'the tap action',
      '',
      { tap: { node: STRING, required: true, remedy: 'Name the element to tap.', doc: 'a selector of the WXML element to tap', example: "'#start'" } },
      "{ tap: '#start' }",
    ),
    doc: 'tap an element of the page (its `bindtap` runs); selectors as in [page-api.md](page-api.md)',
    example: "{ tap: '#start' }",
  },
  context: {
    node: object<FormOf<'context'>>(
      'context action',
      'the context action',
      '',
      {
        context: {
          node: STRING,
          required: true,
          remedy: 'Name the context by the id of its element.',
          doc: 'the id of the `<live-pusher>` or `<live-player>`',
          example: "'pusher'",
        },
        method: {
          node: STRING,
          required: true,
          remedy: "Name the context method, e.g. method: 'switchCamera'.",
          doc: 'the context method',
          example: "'switchCamera'",
        },
        args: { node: record('name', ANY), doc: 'its options object (without success/fail/complete)', example: "{ url: 'https://cdn.example.com/bgm.mp3' }" },
      },
      "{ context: 'pusher', method: 'switchCamera' }",
    ),
    doc: 'call a method of a live context directly, as page code would: `{ context: id, method, args }`',
    example: "{ context: 'pusher', method: 'pause' }",
  },
  publish: {
    node: object<FormOf<'publish'>>(
      'publish action',
      'the publish action',
      '',
      {
        publish: { node: STRING, required: true, remedy: 'Name the stream key.', doc: 'the stream key (or a push/play URL of it)', example: "'live/demo'" },
        options: {
          node: object<NonNullable<FormOf<'publish'>['options']>>('publish options', 'the publish options', '', omitKey(STREAM.fields), '{ fps: 25 }'),
          doc: 'the stream, as a [Stream](#stream) without its key',
          example: '{ videoKbps: 600 }',
        },
      },
      "{ publish: 'live/demo' }",
    ),
    doc: 'a remote anchor starts publishing, with `options` as in a [Stream](#stream)',
    example: "{ publish: 'live/demo', options: { videoKbps: 600 } }",
  },
  unpublish: {
    node: object<FormOf<'unpublish'>>(
      'unpublish action',
      'the unpublish action',
      '',
      { unpublish: { node: STRING, required: true, remedy: 'Name the stream key.', doc: 'the stream key', example: "'live/demo'" } },
      "{ unpublish: 'live/demo' }",
    ),
    doc: 'the remote anchor stops: viewers see the stream end',
    example: "{ unpublish: 'live/demo' }",
  },
  freeze: {
    node: object<FormOf<'freeze'>>(
      'freeze action',
      'the freeze action',
      '',
      {
        freeze: { node: STRING, required: true, remedy: 'Name the stream key.', doc: 'the stream key', example: "'live/demo'" },
        for: { node: DURATION, required: true, remedy: "Say how long the uplink freezes, e.g. for: '3s'.", doc: 'how long nothing is sent', example: "'3s'" },
      },
      "{ freeze: 'live/demo', for: '3s' }",
    ),
    doc: "a remote anchor's uplink freezes: the connection stays open, nothing is sent `for` that long",
    example: "{ freeze: 'live/demo', for: '3s' }",
  },
  remote: {
    node: object<FormOf<'remote'>>(
      'remote action',
      'the remote action',
      '',
      {
        remote: {
          node: STRING,
          required: true,
          remedy: "Name the member's stream key, e.g. 'room/1234/bob'.",
          doc: "the member's stream key",
          example: "'room/1234/bob'",
        },
        camera: { node: BOOLEAN, doc: 'its camera (the `main` video) on or off; absent = unchanged', example: 'false' },
        mic: { node: BOOLEAN, doc: 'its microphone on or off; absent = unchanged', example: 'false' },
        screen: { node: BOOLEAN, doc: 'its screen share (the `aux` video) on or off; absent = unchanged', example: 'true' },
      },
      "{ remote: 'room/1234/bob', camera: false }",
    ),
    doc: 'a remote TRTC member turns its camera, microphone or screen share on or off: the room tells the others (1033/1034); virtual time only',
    example: "{ remote: 'room/1234/bob', camera: false }",
  },
});

function omitKey(fields: Readonly<Record<string, FieldSpec>>): FieldsOf<NonNullable<FormOf<'publish'>['options']>> {
  const { key: _key, ...rest } = fields;
  return rest as FieldsOf<NonNullable<FormOf<'publish'>['options']>>;
}

/** The form keys, in the order actions are told apart. */
export const ACTION_FORM_KEYS = Object.keys(ACTION_FORMS) as ReadonlyArray<keyof typeof ACTION_FORMS>;

const ACTION: ActionNode = { kind: 'action' };

export const TIMELINE_STEP = object<TimelineStep>(
  'Timeline step',
  'a timeline step',
  'Something that happens at a time: actions, a checkpoint, or both (actions first). Steps run in the order written; a step may not come after `duration`.',
  {
    at: { node: DURATION, required: true, remedy: "Say when the step happens, e.g. at: '5s'.", doc: 'when, from the start of the story', example: "'5s'" },
    do: {
      node: { kind: 'union', type: '[Action](#actions) | Action[]', members: [ACTION, list(ACTION)], pick: (v) => (Array.isArray(v) ? list(ACTION) : ACTION) },
      doc: 'what happens: one action, or several in order',
      example: "{ fault: 'cut' }",
    },
    expect: {
      node: PAGE_EXPECTATION,
      doc: 'a checkpoint: page data and WXML text that must hold at this time',
      example: "{ data: { status: 'reconnecting' } }",
    },
  },
  "{ at: '5s', do: { fault: 'cut' }, expect: { data: { status: 'reconnecting' } } }",
);

export const EVERY = object<EveryExpectation>(
  'Every',
  'an every expectation',
  'Every entry of a kind from a source inside a time window must satisfy a predicate (netstatus bitrate within bounds, latency samples under 500 ms …). At least one entry must be there: an empty window proves nothing.',
  {
    source: {
      node: STRING,
      required: true,
      remedy: "Name the source, e.g. source: 'pusher#pusher'.",
      doc: 'the exact source: `pusher#id`, `player#id`, `server` …',
      example: "'pusher#pusher'",
    },
    kind: {
      node: oneOf('kind of entry', allOf<EveryExpectation['kind']>()(['netstatus', 'metric', 'server', 'setData', 'statechange'])),
      required: true,
      remedy: "Name the kind of entry, e.g. kind: 'netstatus'.",
      doc: 'the kind of entry',
      example: "'netstatus'",
    },
    from: { node: DURATION, doc: 'start of the window; absent = the start', example: "'16s'" },
    until: { node: DURATION, doc: 'end of the window (exclusive); absent = the end', example: "'25s'" },
    where: {
      node: leaf('(value) => boolean'),
      required: true,
      remedy: 'Give the predicate every entry must satisfy, e.g. where: (i) => i.videoBitrate >= 300.',
      doc: "the predicate: a netstatus entry's `info`, any other entry's detail; a throw counts as a break",
      example: '(i) => i.videoBitrate >= 291',
    },
    metric: { node: STRING, doc: 'for `metric` entries: only samples of this metric name', example: "'latencyMs'" },
    allowOutliers: {
      node: leaf('number | `${number}%`'),
      doc: 'samples that may break the predicate: a count, or a share of the window (rounded down); absent = none. The count is always reported',
      example: "'10%'",
    },
    describe: {
      node: STRING,
      required: true,
      remedy: "Say in words what the predicate checks, e.g. describe: 'bitrate within 300–800 kbps'; failures print it.",
      doc: 'what the predicate checks, in words; failures print it',
      example: "'bitrate back within 300–800 kbps'",
    },
  },
  "{ source: 'pusher#pusher', kind: 'netstatus', from: '16s', where: (i) => i.videoBitrate >= 291 && i.videoBitrate <= 824, describe: 'bitrate within 300–800 kbps' }",
);

export const COUNT = object<Count>(
  'Count',
  'a count',
  'How many entries match a step: `exactly`, or between `min` and `max`.',
  {
    step: {
      node: STEP,
      required: true,
      remedy: "Give the step to count, e.g. step: 'pusher#pusher 1102'.",
      doc: 'what to count',
      example: "'pusher#pusher 1102'",
    },
    min: { node: NUMBER, doc: 'at least this many', example: '1' },
    max: { node: NUMBER, doc: 'at most this many', example: '2' },
    exactly: { node: NUMBER, doc: 'exactly this many', example: '0' },
  },
  "{ step: 'pusher#pusher 1102', min: 1, max: 2 }",
);

export const METRIC_EXPECTATION = object<MetricExpectation>(
  'Metric expectation',
  'a metric expectation',
  "Bounds on one participant's figures (`rig.metrics[source]`). A participant with no figures fails.",
  {
    firstFrameMs: { node: BOUNDS, doc: 'time from play (or push) to the first video frame', example: '{ max: 3000 }' },
    latencyP50Ms: { node: BOUNDS, doc: 'median latency', example: '{ max: 500 }' },
    latencyP95Ms: { node: BOUNDS, doc: '95th-percentile latency', example: '{ min: 1000, max: 3100 }' },
    latencyMaxMs: { node: BOUNDS, doc: 'the largest latency sample', example: '{ max: 5000 }' },
    videoBitrateKbps: { node: BOUNDS, doc: 'video bitrate received', example: '{ min: 300 }' },
    reconnects: { node: BOUNDS, doc: 'how many times it reconnected', example: '{ max: 1 }' },
  },
  '{ firstFrameMs: { max: 3000 }, latencyP95Ms: { max: 3500 } }',
);

export const WARNINGS = object<Warnings>(
  'Warnings',
  'warnings',
  'The warnings the mock components must (or must not) have raised: bad attributes, unsupported calls.',
  {
    include: { node: list(STRING), doc: 'each must be part of some warning', example: "['min-bitrate']" },
    none: { node: BOOLEAN, doc: 'no warning at all', example: 'true' },
  },
  '{ none: true }',
);

export const PAGE_STATES = object<PageStates>(
  'Page states',
  'page states',
  "The values one field of the page's data takes from the fault on, in order, as its `setData` calls set them; other values may come between.",
  {
    field: {
      node: STRING,
      required: true,
      remedy: "Name the data field, e.g. field: 'status'.",
      doc: 'a data path the page sets: `status`, `stream.status`',
      example: "'status'",
    },
    states: {
      node: list(ANY),
      required: true,
      remedy: "List the values it takes, e.g. states: ['reconnecting', 'pushing'].",
      doc: 'the values, in order',
      example: "['reconnecting', 'pushing']",
    },
  },
  "{ field: 'status', states: ['reconnecting', 'pushing'] }",
);

export const FAULT_EXPECTATION = object<FaultExpectation>(
  'Fault expectation',
  'a fault expectation',
  "What one participant does about a fault, timed from the fault's own timeline entry: how long until it recovers (1002 / 2004 again) or gives up (-1307 / -2301), how many reconnects (1102 / 2103) it makes until then, and what the page shows. On real media give bounds the budget explains: reconnect interval × attempts, plus a connect, plus slack for a loaded machine.",
  {
    source: {
      node: STRING,
      required: true,
      remedy: "Name the participant, e.g. source: 'pusher#pusher'.",
      doc: 'the participant judged: `pusher#id` or `player#id`',
      example: "'pusher#pusher'",
    },
    fault: {
      node: STEP,
      doc: "the fault, as a step matching its timeline entry; absent = the first network action (`'network action'`)",
      example: "{ source: 'network', kind: 'action', where: (d) => d.action === 'cut' }",
    },
    recoveryMs: {
      node: BOUNDS,
      doc: 'ms from the fault to the first 1002 (pusher) / 2004 (player) after it; a participant that never recovers fails',
      example: '{ max: 12000 }',
    },
    giveUpMs: {
      node: BOUNDS,
      doc: 'ms from the fault to -1307 (pusher) / -2301 (player); one that never gives up fails',
      example: '{ min: 9000, max: 16000 }',
    },
    reconnects: { node: BOUNDS, doc: 'reconnect warnings (1102 / 2103) from the fault until recovery, giving up, or the end', example: '{ min: 1, max: 3 }' },
    page: {
      node: PAGE_STATES,
      doc: 'the page from the fault on: a data field and the values it takes, in order',
      example: "{ field: 'status', states: ['reconnecting', 'pushing'] }",
    },
  },
  "{ source: 'pusher#pusher', recoveryMs: { max: 12000 }, reconnects: { min: 1, max: 3 }, page: { field: 'status', states: ['reconnecting', 'pushing'] } }",
);

export const STORM = object<StormExpectation>(
  'No storm',
  'noStorm',
  'No event storm: at most `maxPerSecond` warnings (1101–1107, 2101–2108, 3001–3005) from one source inside any one second of the run.',
  {
    maxPerSecond: {
      node: NUMBER,
      required: true,
      remedy: 'Say how many warnings one second may hold, e.g. maxPerSecond: 3.',
      doc: 'the most warnings one source may raise in any one second',
      example: '3',
    },
    source: { node: STRING, doc: 'one source, or a prefix ending in `*`; absent = every source', example: "'pusher#*'" },
  },
  "{ maxPerSecond: 3, source: 'pusher#*' }",
);

export const EXPECT = object<Expectations>(
  'expect',
  'expect',
  'What must be seen. At least one key; every expectation is judged and reported, passed or not.',
  {
    sequence: {
      node: list(STEP),
      doc: 'an ordered subsequence of the whole timeline: entries in between never fail it',
      example: "['pusher#pusher 1002', { code: -1307, within: '20s' }]",
    },
    sequences: {
      node: list(list(STEP)),
      doc: 'more sequences, each matched on its own: for participants with no order between them (two viewers, the server and the page)',
      example: "[['player#a 2004'], ['player#b 2004']]",
    },
    never: { node: list(STEP), doc: 'steps that must match no entry', example: '[-1307]' },
    counts: { node: list(COUNT), doc: 'how often a step may match', example: "[{ step: 'pusher#pusher 1102', max: 2 }]" },
    every: {
      node: list(EVERY),
      doc: 'predicates every entry in a window must satisfy',
      example: "[{ source: 'player#player', kind: 'netstatus', where: (i) => i.fps > 0, describe: 'frames keep coming' }]",
    },
    page: { node: PAGE_EXPECTATION, doc: 'the page at the end of the story', example: "{ data: { status: 'pushing' } }" },
    metrics: {
      node: record('source', METRIC_EXPECTATION),
      doc: 'bounds on the figures of each participant',
      example: "{ 'player#player': { firstFrameMs: { max: 3000 } } }",
    },
    faults: {
      node: list(FAULT_EXPECTATION),
      doc: 'faults and what each participant does about them: recovery or giving up, reconnects, the page meanwhile',
      example: "[{ source: 'pusher#pusher', recoveryMs: { max: 12000 } }]",
    },
    noStorm: { node: STORM, doc: 'no event storm: at most so many warnings per second from one source', example: '{ maxPerSecond: 3 }' },
    warnings: { node: WARNINGS, doc: 'warnings the mocks must (or must not) have raised', example: '{ none: true }' },
    audience: {
      node: list(AUDIENCE_EXPECTATION),
      doc: "each audience's figures as distributions, and its viewer counts",
      example: "[{ latencyMs: { p95: { max: 1500 } } }, { of: 'healthy', stalledViewers: { max: 0 } }]",
    },
  },
  "{ sequence: ['pusher#pusher 1002', 'pusher#pusher 3005'], never: [-1307], page: { data: { status: 'pushing' } } }",
);

export const NETWORK_PROFILE = object<ProfileInput>(
  'Network profile',
  'a network profile',
  "The phone's network as an object: its steady conditions (the parameters of the `shape` fault) and incidents on its own schedule. With `extends`, the fields left out come from that built-in profile.",
  {
    name: { node: STRING, doc: 'its name in reports; absent = the name of the profile it extends', example: "'flaky-4g'" },
    extends: { node: oneOf('built-in profile', PROFILE_NAMES), doc: 'a built-in profile to start from', example: "'4g'" },
    rttMs: { node: NUMBER, doc: 'round-trip time', example: '60' },
    jitterMs: { node: NUMBER, doc: 'round-trip jitter', example: '15' },
    upKbps: { node: NUMBER, doc: 'uplink capacity', example: '5000' },
    downKbps: { node: NUMBER, doc: 'downlink capacity', example: '20000' },
    lossPct: { node: NUMBER, doc: 'share of packets lost, 0–100', example: '3' },
    incidents: {
      node: leaf('[incident](faults.md)[]'),
      doc: "faults on the profile's schedule: `{ atMs, fault, …parameters }`, from when the profile applies",
      example: "[{ atMs: 10000, fault: 'stall', forMs: 2500 }]",
    },
  },
  "{ name: 'flaky-4g', extends: '4g', lossPct: 3, incidents: [{ atMs: 10000, fault: 'stall', forMs: 2500 }] }",
);

export const CLIENT = object<NonNullable<Scenario['client']>>(
  'client',
  'client',
  'The WeChat client the page runs in. An attribute newer than the base library is ignored, with a warning, as the real client does.',
  {
    platform: { node: oneOf('platform', allOf<Platform>()(['ios', 'android'])), doc: "absent = 'ios'", example: "'android'" },
    baseLibrary: { node: STRING, doc: "the base library (基础库) version; absent = '3.5.0'", example: "'2.10.0'" },
  },
  "{ platform: 'android', baseLibrary: '2.10.0' }",
);

/** Every model parameter; the default of each is its example. */
export const PARAMS = object<Partial<ModelParams>>(
  'params',
  'params',
  'Model parameters for what the WeChat docs leave unconfirmed, each with the default chosen and why in [params.ts](../mocks/model/params.ts). Override one when your phones behave differently.',
  Object.fromEntries(
    Object.entries(DEFAULT_PARAMS).map(([k, v]) => [k, { node: leaf(typeof v), doc: `default ${JSON.stringify(v)}`, example: JSON.stringify(v) }]),
  ) as FieldsOf<Partial<ModelParams>>,
  '{ reconnectAttempts: 5, reconnectIntervalMs: 2000 }',
);

export const SCENARIO = object<Scenario>(
  'Scenario',
  'a scenario',
  'The default export of a `*.scenario.ts` or `*.scenario.js` file.',
  {
    name: {
      node: STRING,
      required: true,
      remedy: 'Give every scenario a unique name.',
      doc: 'unique; reports and test titles go by it',
      example: "'push survives a short network loss'",
    },
    description: {
      node: STRING,
      required: true,
      remedy: 'Say in one sentence what story the scenario tells.',
      doc: 'one sentence: the story it tells',
      example: "'The network drops mid-push for 4 s; the pusher reconnects.'",
    },
    needs: {
      node: list(
        oneOf(
          'capability',
          allOf<Capability>()(['virtual-time', 'real-media', 'device', 'browser', 'audience']),
          '(or needs: [] for a story any target can run)',
        ),
      ),
      doc: "what the target must provide; absent = `['virtual-time']`; `[]` = any target can run it. A target without it reports the scenario not applicable, never passed",
      example: "['real-media']",
    },
    seed: { node: leaf('number | string'), doc: 'the seed of the virtual network: one seed, one timeline. `--seed` wins; absent = 1', example: '7' },
    client: { node: CLIENT, doc: 'the WeChat client: platform and base library', example: "{ platform: 'android' }" },
    params: { node: PARAMS, doc: 'model parameters for what the docs leave unconfirmed', example: '{ reconnectAttempts: 5 }' },
    network: {
      node: {
        kind: 'union',
        type: `${quoted(PROFILE_NAMES)} | [Network profile](#network-profile)`,
        members: [STRING, NETWORK_PROFILE],
        pick: (v) => (isObject(v) ? NETWORK_PROFILE : undefined),
      },
      doc: "the phone's network: a built-in profile or a profile object; absent = `'wifi'`",
      example: "'4g'",
    },
    setup: {
      node: SETUP,
      required: true,
      remedy: 'Give setup: { page: "pages/push/push" } at least.',
      doc: 'the page to load and what is there before the story starts',
      example: "{ page: 'pages/push/push' }",
    },
    timeline: { node: list(TIMELINE_STEP), doc: 'what happens when', example: "[{ at: '5s', do: { fault: 'cut' } }]" },
    duration: {
      node: DURATION,
      required: true,
      remedy: "Say how long the story runs, e.g. duration: '20s'.",
      doc: 'how long the story runs in all',
      example: "'25s'",
    },
    expect: {
      node: EXPECT,
      required: true,
      remedy: 'A scenario must expect something: a sequence, counts, page state or metrics.',
      doc: 'what must be seen',
      example: "{ sequence: ['pusher#pusher 1002'] }",
    },
  },
  `defineScenario({
  name: 'push survives a short network loss',
  description: 'The network drops mid-push for 4 s: 3005, reconnect warnings, then 1001/1002 again.',
  setup: { page: 'pages/push/push' },
  duration: '25s',
  timeline: [
    { at: '5s', do: { fault: 'cut' } },
    { at: '6s', expect: { data: { status: 'reconnecting' }, text: { '#status': 'reconnecting' } } },
    { at: '9s', do: { fault: 'restore' } },
  ],
  expect: {
    sequence: ['pusher#pusher 1002', 'network action', 'pusher#pusher 3005 within 1s', 'pusher#pusher 1001 within 8s', 'pusher#pusher 1002 within 1s'],
    never: [-1307],
    counts: [{ step: 'pusher#pusher 1102', min: 1, max: 2 }],
    page: { data: { status: 'pushing', restarts: 0 } },
  },
})`,
);

/** A heading's anchor, as GitHub makes it. */
export const anchorOf = (heading: string): string => heading.toLowerCase().replace(/\s+/g, '-');

/** Where docs/scenarios.md describes an object: its own section, or the table of actions for the parts of one. */
export function docAnchor(node: ObjectNode): string {
  return SECTIONS.includes(node) ? anchorOf(node.name) : 'actions';
}

/** The object sections of docs/scenarios.md, in order. */
export const SECTIONS: readonly ObjectNode[] = [
  SCENARIO,
  SETUP,
  STREAM,
  RESOURCE,
  SERVER,
  BROWSER_VIEWER,
  AUDIENCE,
  AUDIENCE_FAULT,
  RAMP,
  TIMELINE_STEP,
  EXPECT,
  STEP_OBJECT,
  COUNT,
  EVERY,
  FAULT_EXPECTATION,
  PAGE_STATES,
  STORM,
  PAGE_EXPECTATION,
  METRIC_EXPECTATION,
  BOUNDS,
  WARNINGS,
  AUDIENCE_EXPECTATION,
  PERCENTILE_BOUNDS,
  NETWORK_PROFILE,
  CLIENT,
  PARAMS,
];
