import { defineScenario } from '../harness/runner';

const trtc = (name: string) => ({ source: 'page', kind: 'setData' as const, where: (d: { lastEvent?: string }) => d.lastEvent === name });
/** a 1033/1034 whose one user entry says `field` is `value` (for `streamtype`, when given) */
const roomState = (code: 1033 | 1034, field: 'hasvideo' | 'hasaudio', value: boolean, streamtype?: 'main' | 'aux') => ({
  source: 'pusher#pusher',
  code,
  where: (d: { message: string }) => {
    const [user] = (JSON.parse(d.message) as { userlist: Array<Record<string, unknown>> }).userlist;
    return user[field] === value && (streamtype === undefined || user.streamtype === streamtype);
  },
});

export default defineScenario({
  name: 'trtc-wx 1v1: the other member turns the camera off and on, the microphone off, and shares the screen',
  description:
    'Bob turns his camera off: 1033 says hasvideo false, trtc-wx reports REMOTE_VIDEO_REMOVE and the page mutes his video (mute-video), so no video arrives; on again, REMOTE_VIDEO_ADD. His microphone off: 1034 hasaudio false, REMOTE_AUDIO_REMOVE. His screen share (aux): a second player plays it, and goes when he stops.',
  setup: { page: 'pages/trtc-1v1/trtc-1v1', query: { roomID: '1234', userID: 'alice' }, streams: [{ key: 'room/1234/bob' }] },
  duration: '18s',
  timeline: [
    { at: '4s', do: { remote: 'room/1234/bob', camera: false } },
    { at: '7s', do: { remote: 'room/1234/bob', camera: true } },
    { at: '10s', do: { remote: 'room/1234/bob', mic: false } },
    { at: '12s', do: { remote: 'room/1234/bob', screen: true } },
    { at: '15s', do: { remote: 'room/1234/bob', screen: false } },
  ],
  expect: {
    sequences: [
      [
        'player#bob_main 2004',
        roomState(1033, 'hasvideo', false, 'main'),
        roomState(1033, 'hasvideo', true, 'main'),
        roomState(1034, 'hasaudio', false),
        roomState(1033, 'hasvideo', true, 'aux'),
        'player#bob_aux 2004',
        roomState(1033, 'hasvideo', false, 'aux'),
        { source: 'player#bob_aux', kind: 'lifecycle', where: (d) => d.name === 'detached' },
      ],
      [
        trtc('REMOTE_VIDEO_ADD bob_main'),
        trtc('REMOTE_AUDIO_ADD bob_main'),
        trtc('REMOTE_VIDEO_REMOVE bob_main'),
        trtc('REMOTE_VIDEO_ADD bob_main'),
        trtc('REMOTE_AUDIO_REMOVE bob_main'),
        trtc('REMOTE_VIDEO_ADD bob_aux'),
        trtc('REMOTE_VIDEO_REMOVE bob_aux'),
      ],
    ],
    never: [trtc('REMOTE_USER_LEAVE bob'), { source: 'player#bob_main', kind: 'lifecycle', where: (d) => d.name === 'detached' }],
    every: [
      {
        source: 'player#bob_main',
        kind: 'netstatus',
        from: '5s',
        until: '7s',
        where: (i) => i.videoBitrate === 0 && i.videoWidth === 0 && i.audioBitrate > 0,
        describe: 'camera off: mute-video, so only audio arrives',
      },
      {
        source: 'player#bob_main',
        kind: 'netstatus',
        from: '8s',
        until: '10s',
        where: (i) => i.videoBitrate > 0,
        describe: 'camera on again: video arrives',
      },
      {
        source: 'player#bob_main',
        kind: 'netstatus',
        from: '11s',
        where: (i) => i.audioBitrate === 0,
        describe: 'microphone off: mute-audio, so no audio arrives',
      },
    ],
    warnings: { none: true },
  },
});
