import { defineScenario } from '../harness/runner';

const trtc = (name: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === name });

export default defineScenario({
  name: 'trtc-wx 1v3: a class of four, where members come and go',
  description:
    "The README's 1V3 page on the real trtc-wx-sdk, on iOS: TRTC and its pusher made in onLoad, the room entered on a tap (the pusher's context, made in onLoad, binds then; enable-mic turning on before the push reports 4998 with an empty message, and draws no warning). The teacher and a student are there, another student comes; each gets a player, the teacher's first; a student leaves and their player goes.",
  client: { platform: 'ios' },
  setup: {
    page: 'pages/trtc-1v3/trtc-1v3',
    query: { userID: 'student-1' },
    streams: [{ key: 'room/5678/teacher' }, { key: 'room/5678/student-2' }],
  },
  duration: '14s',
  timeline: [
    { at: '1s', do: { tap: '#enter' } },
    { at: '5s', do: { publish: 'room/5678/student-3' } },
    { at: '8s', expect: { text: { '.seat:nth-of-type(1) .name': 'teacher' } } },
    { at: '10s', do: { unpublish: 'room/5678/student-2' } },
  ],
  expect: {
    sequences: [
      [
        { source: 'pusher#pusher-1', code: 4998, where: (d) => d.message === '' },
        { source: 'pusher#pusher-1', kind: 'call', where: (d) => d.method === 'start' && d.ok === true },
        'pusher#pusher-1 1018',
        'player#teacher_main 2004',
        'player#student-3_main 2004',
        { source: 'player#student-2_main', kind: 'lifecycle', where: (d) => d.name === 'detached' },
      ],
      [trtc('LOCAL_JOIN'), trtc('REMOTE_USER_JOIN student-3'), trtc('REMOTE_VIDEO_ADD student-3_main'), trtc('REMOTE_USER_LEAVE student-2')],
    ],
    counts: [
      { step: { source: 'page', kind: 'setData', where: (d) => typeof d.lastEvent === 'string' && d.lastEvent.startsWith('REMOTE_USER_JOIN') }, exactly: 3 },
    ],
    never: [{ source: 'player#teacher_main', kind: 'lifecycle', where: (d) => d.name === 'detached' }],
    warnings: { none: true },
  },
});
