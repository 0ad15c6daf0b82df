import { defineScenario } from '../harness/runner';

/** trtc-wx emitted `name` and the page noted it (its data.lastEvent). */
const trtc = (name: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === name });

export default defineScenario({
  name: 'trtc-wx 1v1: join a room, see the other member, and see them leave',
  description:
    "The README's 1v1 page on the real trtc-wx-sdk: TRTC and its pusher made in onLoad, enterRoom, start(). Bob is in the room; trtc-wx reports LOCAL_JOIN, REMOTE_USER_JOIN, REMOTE_VIDEO_ADD/AUDIO_ADD, his player plays; when he leaves it reports the removals and REMOTE_USER_LEAVE. trtc-wx's defaults draw no warning, and its reports to its log server fail as on a phone that cannot reach it.",
  setup: { page: 'pages/trtc-1v1/trtc-1v1', query: { roomID: '1234', userID: 'alice' }, streams: [{ key: 'room/1234/bob' }] },
  duration: '12s',
  timeline: [
    { at: '4s', expect: { data: { lastEvent: 'REMOTE_AUDIO_ADD bob_main' } } },
    { at: '8s', do: { unpublish: 'room/1234/bob' } },
  ],
  expect: {
    // The pusher's statuses and the page's handling of them run side by side: trtc-wx handles each status as the page gets it.
    sequences: [
      [
        { source: 'wx', kind: 'call', where: (d) => d.method === 'getSystemInfo' },
        { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' && d.ok === true },
        'pusher#pusher 1018',
        'pusher#pusher 1031',
        'pusher#pusher 1033',
        'pusher#pusher 1034',
        'player#bob_main 2004',
        'pusher#pusher 1032',
        'player#bob_main lifecycle',
      ],
      [
        trtc('LOCAL_JOIN'),
        trtc('REMOTE_USER_JOIN bob'),
        trtc('REMOTE_VIDEO_ADD bob_main'),
        trtc('REMOTE_AUDIO_ADD bob_main'),
        // trtc-wx ≥ 1.1.7 removes a leaving member's video and audio before it says the member left.
        trtc('REMOTE_VIDEO_REMOVE bob_main'),
        trtc('REMOTE_AUDIO_REMOVE bob_main'),
        trtc('REMOTE_USER_LEAVE bob'),
      ],
    ],
    never: [trtc('KICKED_OUT'), { source: 'page', kind: 'setData', where: (d) => typeof d.lastEvent === 'string' && d.lastEvent.startsWith('ERROR') }],
    counts: [
      // trtc-wx reports its events to yun.tim.qq.com; the phone under test cannot reach it.
      { step: { source: 'wx', kind: 'call', where: (d) => d.method === 'request' && d.ok === false }, min: 5 },
    ],
    every: [
      {
        source: 'player#bob_main',
        kind: 'netstatus',
        from: '2s',
        until: '8s',
        where: (i) => i.videoBitrate > 0 && i.audioBitrate > 0,
        describe: "Bob's video and audio both received",
      },
    ],
    page: { data: { playerList: [] } },
    warnings: { none: true },
  },
});
