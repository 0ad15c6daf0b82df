import { FAULT_VERBS } from '../../mocks/link';
import { ScenarioError, validateScenario } from './validate-scenario';
import type { Scenario } from './scenario';

const ok: Scenario = { name: 'n', description: 'd', setup: { page: 'pages/play/play' }, duration: '10s', expect: { sequence: [2004] } };
const check = (over: Record<string, unknown>) => () => validateScenario({ ...ok, ...over } as Scenario);

describe('validateScenario', () => {
  it('accepts a well-formed scenario', () => {
    expect(check({})).not.toThrow();
    expect(
      check({ needs: [], timeline: [{ at: '5s', do: { freeze: 'live/demo', for: '3s' } }], expect: { sequences: [[2004], ['player#p 2007']] } }),
    ).not.toThrow();
  });

  it('names a misspelt action and suggests the nearest', () => {
    expect(check({ timeline: [{ at: '1s', do: 'cut-netwrok' }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do "cut-netwrok" is not an action. Did you mean "cut-network"? Use one of cut-network, restore-network, stall-network, refuse-connections, fail-dns, server-close, reset-connections, background, foreground, phone-call, end-phone-call, deny-camera, deny-microphone, back, or an object with one of fault, network, device, page, setData, tap, context, publish, unpublish, freeze, remote.',
    );
  });

  it('accepts every fault in the vocabulary, and every older spelling of one', () => {
    const faults = [
      { fault: 'cut' },
      { fault: 'cut', forMs: 4000 },
      { fault: 'restore' },
      { fault: 'stall', forMs: 4000 },
      { fault: 'partition', forMs: 11_000 },
      { fault: 'refuse', forMs: 500 },
      { fault: 'failDns', host: 'x.livepush.myqcloud.com' },
      { fault: 'failHandshake' },
      { fault: 'serverClose', target: 'live/demo' },
      { fault: 'reset' },
      { fault: 'shape', upKbps: 300, rttMs: 200 },
      { fault: 'useProfile', profile: '3g' },
    ];
    expect(new Set(faults.map((f) => f.fault))).toEqual(new Set(FAULT_VERBS));
    const older = ['cut-network', 'restore-network', 'stall-network', 'refuse-connections', 'fail-dns', 'server-close', 'reset-connections'];
    const network = [
      { network: { set: { upKbps: 300 } } },
      { network: { stallFor: '4s' } },
      { network: { serverClose: 'live/demo' } },
      { network: { failDns: 'x.com' } },
    ];
    expect(check({ timeline: [{ at: '1s', do: [...faults, ...older, ...network] }] })).not.toThrow();
  });

  it('names a misspelt fault, or a misspelt parameter, and suggests the nearest', () => {
    expect(check({ timeline: [{ at: '1s', do: { fault: 'stal', forMs: 4000 } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.fault "stal" is not a fault. Did you mean "stall"? Use one of cut, restore, stall, partition, refuse, failDns, failHandshake, serverClose, reset, shape, useProfile.',
    );
    expect(check({ timeline: [{ at: '1s', do: [{ fault: 'stall', forMS: 4000 }] }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do[0].forMS is not a parameter of stall. Did you mean "forMs"? stall takes forMs.',
    );
    expect(check({ timeline: [{ at: '1s', do: { network: { stalFor: '4s' } } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.network.stalFor is not a network action. Did you mean "stallFor"? Use one of stallFor, failDns, serverClose, set.',
    );
    expect(check({ timeline: [{ at: '1s', do: { network: { set: { upKbs: 300 } } } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.network.set.upKbs is not a parameter of shape. Did you mean "upKbps"? shape takes rttMs, jitterMs, upKbps, downKbps, lossPct.',
    );
  });

  it('names a bad parameter value with its unit, and a profile that does not exist', () => {
    expect(check({ timeline: [{ at: '1s', do: { fault: 'stall', forMs: '4s' } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.forMs must be a number of ms, above 0, got "4s". Set forMs: how long the stall lasts; absent = until restore (units are in the name: write forMs: 4000, not "4s").',
    );
    expect(check({ timeline: [{ at: '1s', do: { fault: 'shape', lossPct: 120 } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.lossPct must be a number of pct, 0–100, got 120. Set lossPct: share of packets lost, 0–100 (TCP turns it into lost throughput).',
    );
    expect(check({ timeline: [{ at: '1s', do: { fault: 'shape' } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.fault shape names nothing to change. Give at least one of rttMs, jitterMs, upKbps, downKbps, lossPct.',
    );
    expect(check({ timeline: [{ at: '1s', do: { fault: 'useProfile', profile: '5g' } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.profile "5g" is not a built-in profile. Did you mean "4g"? Use one of wifi, 4g, 3g, weak, loopback, or a profile object.',
    );
    expect(check({ network: { name: 'x', extends: '4g', lossPct: 101 } })).toThrow(
      '[live-harness] Failed to load scenario "n": network is not a valid profile: "lossPct" must be a number in 0–100, got 101. Set "lossPct" (units are in the name).',
    );
    expect(check({ timeline: [{ at: '1s', do: { network: { stallFor: 'a while' } } }] })).toThrow(
      /^\[live-harness\] Failed to load scenario "n": timeline\[0\]\.do\.network\.stallFor is not a duration \("a while"\)\. \[live-harness\] Failed to parse duration/,
    );
    expect(check({ timeline: [{ at: '1s', do: { network: {} } }] })).toThrow(
      `[live-harness] Failed to load scenario "n": timeline[0].do.network {} names no fault. Give one of stallFor, failDns, serverClose, set, or write the fault itself: { fault: 'stall', forMs: 4000 }.`,
    );
  });

  it('names a bad freeze duration', () => {
    expect(check({ timeline: [{ at: '1s', do: { freeze: 'live/demo', for: 'a while' } }] })).toThrow(
      /^\[live-harness\] Failed to load scenario "n": timeline\[0\]\.do\.for is not a duration \("a while"\)\. Use ms as a number or a string like "500ms", "3s", "1\.5m"\./,
    );
  });

  it('names a step that comes after the end', () => {
    expect(check({ timeline: [{ at: '12s', do: 'background' }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].at (12000 ms) is after the end of the scenario (10000 ms). Lengthen "duration" or move the step earlier.',
    );
  });

  it('names an unknown capability and suggests the nearest', () => {
    expect(check({ needs: ['real-medai'] })).toThrow(
      '[live-harness] Failed to load scenario "n": needs[0] "real-medai" is not a capability. Did you mean "real-media"? Use one of virtual-time, real-media, device, browser, audience (or needs: [] for a story any target can run).',
    );
  });

  it('names a name that is not one of a list, with the nearest', () => {
    expect(check({ setup: { page: 'p', deny: ['camra'] } })).toThrow(
      '[live-harness] Failed to load scenario "n": setup.deny[0] "camra" is not a permission. Did you mean "camera"? Use one of camera, microphone.',
    );
    expect(check({ timeline: [{ at: '1s', do: { device: { fault: 'camera-fail' } } }] })).toThrow(
      /^\[live-harness\] Failed to load scenario "n": timeline\[0\]\.do\.device\.fault "camera-fail" is not a device fault\. Did you mean "camera-open-fail"\? Use one of camera-open-fail, mic-open-fail, .*\.$/,
    );
    expect(check({ expect: { every: [{ source: 'player#p', kind: 'netstats', where: () => true, describe: 'd' }] } })).toThrow(
      '[live-harness] Failed to load scenario "n": expect.every[0].kind "netstats" is not a kind of entry. Did you mean "netstatus"? Use one of netstatus, metric, server, setData, statechange.',
    );
    expect(check({ client: { platform: 'iOS ' } })).toThrow(
      '[live-harness] Failed to load scenario "n": client.platform "iOS " is not a platform. Did you mean "ios"? Use one of ios, android.',
    );
  });

  it('names malformed sequences', () => {
    expect(check({ expect: { sequences: 'x' } })).toThrow(
      `[live-harness] Failed to load scenario "n": expect.sequences is not a list ("x"). Write e.g. sequences: [['player#a 2004'], ['player#b 2004']].`,
    );
    expect(check({ expect: { sequences: [[2004], []] } })).toThrow(
      '[live-harness] Failed to load scenario "n": expect.sequences[1] is not a non-empty list of steps. Write each sequence as [step, step, …].',
    );
    expect(check({ expect: { sequences: [[2004], [2.5]] } })).toThrow(
      /^\[live-harness\] Failed to load scenario "n": expect\.sequences\[1\]\[0\] is not a step \(\[live-harness\] Failed to parse sequence step 2\.5: a code must be an integer\./,
    );
  });

  it('names the misspelt key of a scenario whose only expectation it is, instead of calling expect empty', () => {
    expect(check({ expect: { sequnce: [2004] } })).toThrow(
      '[live-harness] Failed to load scenario "n": expect.sequnce is not a key of expect. Did you mean "sequence"? Use one of sequence, sequences, never, counts, every, page, metrics, faults, noStorm, warnings, audience (docs/scenarios.md#expect).',
    );
  });

  it('names an unknown key at any depth by its path, with the nearest key and the keys there are', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { timline: [] },
        'timline is not a key of a scenario. Did you mean "timeline"? Use one of name, description, needs, seed, client, params, network, setup, timeline, duration, expect (docs/scenarios.md#scenario).',
      ],
      [
        { expect: { nevr: [-2301] } },
        'expect.nevr is not a key of expect. Did you mean "never"? Use one of sequence, sequences, never, counts, every, page, metrics, faults, noStorm, warnings, audience (docs/scenarios.md#expect).',
      ],
      [
        { setup: { page: 'p', strams: [] } },
        'setup.strams is not a key of setup. Did you mean "streams"? Use one of page, query, streams, deny, resources, server, browserViewers, audience (docs/scenarios.md#setup).',
      ],
      [
        { expect: { page: { txt: { '#status': 'playing' } } } },
        'expect.page.txt is not a key of a page expectation. Did you mean "text"? Use one of data, text (docs/scenarios.md#page-expectation).',
      ],
      [
        { setup: { page: 'p', streams: [{ key: 'live/demo', videoKpbs: 900 }] } },
        'setup.streams[0].videoKpbs is not a key of a stream. Did you mean "videoKbps"? Use one of key, videoKbps, audioKbps, fps, gopSeconds, width, height, audioOnly, smallStream (docs/scenarios.md#stream).',
      ],
      [
        { setup: { page: 'p', resources: { 'https://x/a.mp3': { ok: true, durationMS: 1 } } } },
        'setup.resources["https://x/a.mp3"].durationMS is not a key of a resource. Did you mean "durationMs"? Use one of ok, durationMs (docs/scenarios.md#resource).',
      ],
      [
        { timeline: [{ at: '1s', do: 'back', expct: {} }] },
        'timeline[0].expct is not a key of a timeline step. Did you mean "expect"? Use one of at, do, expect (docs/scenarios.md#timeline-step).',
      ],
      [
        { timeline: [{ at: '1s', expect: { dat: {} } }] },
        'timeline[0].expect.dat is not a key of a page expectation. Did you mean "data"? Use one of data, text (docs/scenarios.md#page-expectation).',
      ],
      [
        { network: { extends: '4g', rtMs: 50 } },
        'network.rtMs is not a key of a network profile. Did you mean "rttMs"? Use one of name, extends, rttMs, jitterMs, upKbps, downKbps, lossPct, incidents (docs/scenarios.md#network-profile).',
      ],
      [
        { client: { platfrom: 'ios' } },
        'client.platfrom is not a key of client. Did you mean "platform"? Use one of platform, baseLibrary (docs/scenarios.md#client).',
      ],
      [
        { expect: { every: [{ source: 'player#p', kind: 'netstatus', where: () => true, describ: 'x' }] } },
        'expect.every[0].describ is not a key of an every expectation. Did you mean "describe"? Use one of source, kind, from, until, where, metric, allowOutliers, describe (docs/scenarios.md#every).',
      ],
      [
        { expect: { metrics: { 'player#p': { latencyP59Ms: { max: 1 } } } } },
        'expect.metrics["player#p"].latencyP59Ms is not a key of a metric expectation. Did you mean "latencyP50Ms"? Use one of firstFrameMs, latencyP50Ms, latencyP95Ms, latencyMaxMs, videoBitrateKbps, reconnects (docs/scenarios.md#metric-expectation).',
      ],
      [
        { expect: { metrics: { 'player#p': { firstFrameMs: { mx: 1 } } } } },
        'expect.metrics["player#p"].firstFrameMs.mx is not a key of bounds. Did you mean "max"? Use one of min, max (docs/scenarios.md#bounds).',
      ],
      [
        { expect: { counts: [{ stp: 1102, max: 1 }] } },
        'expect.counts[0].stp is not a key of a count. Did you mean "step"? Use one of step, min, max, exactly (docs/scenarios.md#count).',
      ],
      [
        { expect: { counts: [{ step: { cod: 1102 } }] } },
        'expect.counts[0].step.cod is not a key of a step. Did you mean "code"? Use one of code, source, kind, where, within, after, label (docs/scenarios.md#step).',
      ],
      [
        { expect: { sequence: [2004, { code: 2004, withn: '1s' }] } },
        'expect.sequence[1].withn is not a key of a step. Did you mean "within"? Use one of code, source, kind, where, within, after, label (docs/scenarios.md#step).',
      ],
      [
        { expect: { sequences: [[{ sorce: 'player#p', code: 2004 }]] } },
        'expect.sequences[0][0].sorce is not a key of a step. Did you mean "source"? Use one of code, source, kind, where, within, after, label (docs/scenarios.md#step).',
      ],
      [
        { expect: { never: [{ cod: -2301 }] } },
        'expect.never[0].cod is not a key of a step. Did you mean "code"? Use one of code, source, kind, where, within, after, label (docs/scenarios.md#step).',
      ],
      [
        { expect: { warnings: { includes: ['x'] } } },
        'expect.warnings.includes is not a key of warnings. Did you mean "include"? Use one of include, none (docs/scenarios.md#warnings).',
      ],
    ];
    for (const [over, text] of cases) expect(check(over)).toThrow(`[live-harness] Failed to load scenario "n": ${text}`);
    expect(check({ params: { reconectAttempts: 1 } })).toThrow(
      /^\[live-harness\] Failed to load scenario "n": params\.reconectAttempts is not a key of params\. Did you mean "reconnectAttempts"\? Use one of reconnectAttempts, reconnectIntervalMs, .*, pusherEmitsLocalVideoCodes \(docs\/scenarios\.md#params\)\.$/,
    );
  });

  it('names an unknown key of every form of action, and a misspelt form', () => {
    const at = (a: unknown) => check({ timeline: [{ at: '1s', do: [a] }] });
    expect(at({ pgae: 'onTap' })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do[0].pgae is not an action. Did you mean "page"? Use an object with one of fault, network, device, page, setData, tap, context, publish, unpublish, freeze, remote, or one of cut-network, restore-network, stall-network, refuse-connections, fail-dns, server-close, reset-connections, background, foreground, phone-call, end-phone-call, deny-camera, deny-microphone, back.',
    );
    const cases: Array<[unknown, string]> = [
      [
        { page: 'onTap', arg: [] },
        'timeline[0].do[0].arg is not a key of the page action. Did you mean "args"? Use one of page, args (docs/scenarios.md#actions).',
      ],
      [{ page: 'onTap', tap: '#a' }, 'timeline[0].do[0].tap is not a key of the page action. Use one of page, args (docs/scenarios.md#actions).'],
      [
        { context: 'pusher', metod: 'pause' },
        'timeline[0].do[0].metod is not a key of the context action. Did you mean "method"? Use one of context, method, args (docs/scenarios.md#actions).',
      ],
      [
        { device: { audioroute: 'speaker' } },
        'timeline[0].do[0].device.audioroute is not a key of device. Did you mean "audioRoute"? Use one of fault, audioRoute (docs/scenarios.md#actions).',
      ],
      [
        { publish: 'live/x', optoins: {} },
        'timeline[0].do[0].optoins is not a key of the publish action. Did you mean "options"? Use one of publish, options (docs/scenarios.md#actions).',
      ],
      [
        { publish: 'live/x', options: { fsp: 25 } },
        'timeline[0].do[0].options.fsp is not a key of the publish options. Did you mean "fps"? Use one of videoKbps, audioKbps, fps, gopSeconds, width, height, audioOnly, smallStream (docs/scenarios.md#actions).',
      ],
      [{ setData: { a: 1 }, tap: '#b' }, 'timeline[0].do[0].tap is not a key of the setData action. Use one of setData (docs/scenarios.md#actions).'],
      [{ tap: '#b', taps: 2 }, 'timeline[0].do[0].taps is not a key of the tap action. Did you mean "tap"? Use one of tap (docs/scenarios.md#actions).'],
      [{ unpublish: 'live/x', now: true }, 'timeline[0].do[0].now is not a key of the unpublish action. Use one of unpublish (docs/scenarios.md#actions).'],
      [
        { freeze: 'live/x', for: '1s', fro: 1 },
        'timeline[0].do[0].fro is not a key of the freeze action. Did you mean "for"? Use one of freeze, for (docs/scenarios.md#actions).',
      ],
      [
        { network: { stallFor: '1s' }, forMs: 3 },
        'timeline[0].do[0].forMs is not a key of the network action. Write one action per object: { network: { … } } takes nothing else (docs/scenarios.md#actions).',
      ],
      [{ fault: 'stall', forMS: 4000 }, 'timeline[0].do[0].forMS is not a parameter of stall. Did you mean "forMs"? stall takes forMs.'],
    ];
    for (const [a, text] of cases) expect(at(a)).toThrow(`[live-harness] Failed to load scenario "n": ${text}`);
  });

  it('reports every unknown key at once, a line each in the order of the file, and a missing key only when no misspelling explains it', () => {
    expect(check({ timline: [], expect: { sequnce: [2004], nevr: [-2301] } })).toThrow(
      [
        'expect.sequnce is not a key of expect. Did you mean "sequence"? Use one of sequence, sequences, never, counts, every, page, metrics, faults, noStorm, warnings, audience (docs/scenarios.md#expect).',
        'expect.nevr is not a key of expect. Did you mean "never"? Use one of sequence, sequences, never, counts, every, page, metrics, faults, noStorm, warnings, audience (docs/scenarios.md#expect).',
        'timline is not a key of a scenario. Did you mean "timeline"? Use one of name, description, needs, seed, client, params, network, setup, timeline, duration, expect (docs/scenarios.md#scenario).',
      ]
        .map((line) => `[live-harness] Failed to load scenario "n": ${line}`)
        .join('\n'),
    );
    expect(check({ name: undefined, nam: 'n' })).toThrow(
      new Error(
        '[live-harness] Failed to load scenario "(unnamed)": nam is not a key of a scenario. Did you mean "name"? Use one of name, description, needs, seed, client, params, network, setup, timeline, duration, expect (docs/scenarios.md#scenario).',
      ),
    );
    expect(check({ expect: { every: [{ source: 'player#p', kind: 'netstatus', where: () => true }] } })).toThrow(
      `[live-harness] Failed to load scenario "n": expect.every[0].describe is missing. Say in words what the predicate checks, e.g. describe: 'bitrate within 300–800 kbps'; failures print it.`,
    );
    expect(check({ duration: undefined })).toThrow(
      `[live-harness] Failed to load scenario "n": duration is missing. Say how long the story runs, e.g. duration: '20s'.`,
    );
    expect(check({ setup: {} })).toThrow(
      '[live-harness] Failed to load scenario "n": setup.page is missing. Name the page route to load, e.g. "pages/push/push".',
    );
  });

  it('names a list or an object of the wrong shape with an example of the right one', () => {
    expect(check({ timeline: {} })).toThrow(
      `[live-harness] Failed to load scenario "n": timeline is not a list ({}). Write e.g. timeline: [{ at: '5s', do: { fault: 'cut' } }].`,
    );
    expect(check({ setup: 'pages/play/play' })).toThrow(
      `[live-harness] Failed to load scenario "n": setup is not an object ("pages/play/play"). Write e.g. setup: { page: 'pages/push/push' }.`,
    );
  });

  it('names the file the scenario came from, and keeps each problem as data', () => {
    let error: unknown;
    try {
      validateScenario({ ...ok, expect: { nevr: [1] } } as never, { file: '/x/a.scenario.ts' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const e = error as ScenarioError;
    expect(e.message).toMatch(
      /^\[live-harness\] Failed to load scenario "n" from \/x\/a\.scenario\.ts: expect\.nevr is not a key of expect\. Did you mean "never"\? /,
    );
    expect(e.code).toBe('LH_SCENARIO');
    expect(e.file).toBe('/x/a.scenario.ts');
    expect(e.problems).toEqual([{ path: 'expect.nevr', reason: 'is not a key of expect', remedy: expect.stringMatching(/^Did you mean "never"\? /) }]);
  });

  it('refuses a scenario that expects nothing', () => {
    expect(check({ expect: {} })).toThrow(
      '[live-harness] Failed to load scenario "n": expect is empty. A scenario that expects nothing proves nothing; add a sequence or page state.',
    );
  });
});
