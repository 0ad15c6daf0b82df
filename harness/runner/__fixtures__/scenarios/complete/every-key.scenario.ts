// Every key the schema knows, at every depth, each action form and step form once:
// scenario-schema.test.ts checks that it validates and that it reaches every key.
// It is a shape, not a story: it is validated, never run.
import type { NetworkProfile } from '../../../../../mocks/link';
import type { Scenario } from '../../../index';

export default {
  name: 'fixture: every key',
  description: 'A scenario that sets every key of the schema.',
  needs: ['virtual-time'],
  seed: 7,
  client: { platform: 'android', baseLibrary: '2.10.0' },
  params: {
    reconnectAttempts: 3,
    reconnectIntervalMs: 3000,
    connectTimeoutMs: 3000,
    readWriteTimeoutMs: 8000,
    netstatusIntervalMs: 1000,
    tickMs: 100,
    netstatusIncludesCpu: false,
    rtcTargetLatencyMs: 400,
    rtcEmitsFirstFrameCodes: true,
    waitingImageKeepAliveMs: 180_000,
    waitingImageBitrateKbps: 40,
    permissionDeniedEmitsStatechange: true,
    contextBeforeReadyIsUnbound: true,
    enableCameraIsDynamic: false,
    pusherModeIsDynamic: false,
    bgmProgressUnit: 'ms',
    audioVolumeMax: 100,
    videoPlayLagMs: 800,
    netBusyRatio: 0.7,
    bitrateChangeEventRatio: 0.2,
    encoderGopSeconds: 2,
    pusherEmitsLocalVideoCodes: false,
    remoteStreamBitrateKbps: 900,
  },
  // `extends` is for profiles written as data (JSON, plain JS); the type asks for every field instead.
  network: {
    name: 'flaky-4g',
    extends: '4g',
    rttMs: 60,
    jitterMs: 15,
    upKbps: 5000,
    downKbps: 20_000,
    lossPct: 1,
    incidents: [{ atMs: 10_000, fault: 'stall', forMs: 2500 }],
  } as NetworkProfile,
  setup: {
    page: 'pages/push/push',
    query: { room: 'demo' },
    streams: [{ key: 'live/demo', videoKbps: 1200, audioKbps: 48, fps: 25, gopSeconds: 1, width: 720, height: 1280, audioOnly: false }],
    deny: ['microphone'],
    resources: { 'https://cdn.example.com/bgm.mp3': { ok: true, durationMs: 30_000 } },
  },
  timeline: [
    { at: '1s', do: 'background', expect: { data: { status: 'pushing' }, text: { '#status': 'pushing' } } },
    {
      at: '2s',
      do: [
        { fault: 'stall', forMs: 1000 },
        { network: { stallFor: '1s' } },
        { device: { fault: 'camera-open-fail', audioRoute: 'headphones' } },
        { page: 'onTapStart', args: [] },
        { setData: { mode: 'RTC' } },
        { tap: '#start' },
        { context: 'pusher', method: 'pause', args: {} },
        { publish: 'live/other', options: { videoKbps: 600, audioKbps: 32, fps: 15, gopSeconds: 2, width: 360, height: 640, audioOnly: false } },
        { unpublish: 'live/other' },
        { freeze: 'live/demo', for: '1s' },
      ],
    },
  ],
  duration: '20s',
  expect: {
    sequence: [
      1001,
      'pusher#pusher 1002',
      { code: 1002, source: 'pusher#pusher', kind: 'statechange', where: () => true, within: '5s', after: 0, label: 'pushing' },
    ],
    sequences: [['pusher#pusher 1002']],
    never: [-1307],
    counts: [{ step: 'pusher#pusher 1102', min: 0, max: 3, exactly: 1 }],
    every: [
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '5s',
        until: '20s',
        where: (i: { videoBitrate: number }) => i.videoBitrate > 0,
        metric: 'latencyMs',
        allowOutliers: '10%',
        describe: 'bitrate above 0',
      },
    ],
    page: { data: { status: 'pushing' }, text: { '#status': 'pushing' } },
    metrics: {
      'player#player': {
        firstFrameMs: { min: 0, max: 3000 },
        latencyP50Ms: { max: 2000 },
        latencyP95Ms: { max: 3000 },
        latencyMaxMs: { max: 5000 },
        videoBitrateKbps: { min: 300 },
        reconnects: { max: 1 },
      },
    },
    warnings: { include: ['min-bitrate'], none: false },
  },
} satisfies Scenario;
