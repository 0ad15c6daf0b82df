/**
 * Walks the whole status-code table: every code is produced by at least one
 * model path (a recipe below), or is listed with the reason no model path can
 * produce it. A new table entry without either fails this test.
 */
import { allCodes, errorCodes, PlayCode, PushCode } from '../codes';
import type { StreamInfo } from '../link';
import { ModelKit } from '../testing';
import type { DeviceFault } from './device';
import type { ModelParams } from './params';

const PUSH = 'rtmp://1234.livepush.myqcloud.com/live/demo?txSecret=s&txTime=FFFFFFFF';
const FLV = 'http://1234.liveplay.myqcloud.com/live/demo.flv';
const RTMP = 'rtmp://1234.liveplay.myqcloud.com/live/demo';
const ROOM = (user: string, extra = ''): string => `room://cloud.tencent.com/rtc?sdkappid=1400000000&roomid=42&userid=${user}&usersig=sig${extra}`;
const ANCHOR: StreamInfo = { hasVideo: true, hasAudio: true, videoKbps: 900, audioKbps: 64, fps: 15, gopSeconds: 2, width: 540, height: 960 };

type Recipe = (kit: ModelKit) => void;

interface Opts {
  params?: Partial<ModelParams>;
  platform?: 'ios' | 'android';
  network?: ConstructorParameters<typeof ModelKit>[0] extends infer O ? (O extends { network?: infer N } ? N : never) : never;
}

function pushStory(attrs: Record<string, unknown>, then: Recipe = (k) => k.advance(5000), faults: DeviceFault[] = []): Recipe {
  return (kit) => {
    for (const f of faults) kit.device.inject(f);
    const p = kit.pusher('p');
    p.insert({ url: PUSH, ...attrs });
    p.call('start');
    kit.advance(3000);
    then(kit);
  };
}

function playStory(attrs: Record<string, unknown>, then: Recipe = (k) => k.advance(5000), faults: DeviceFault[] = []): Recipe {
  return (kit) => {
    for (const f of faults) kit.device.inject(f);
    kit.link.publishRemote('live/demo', ANCHOR);
    kit.player('v').insert({ src: FLV, autoplay: true, ...attrs });
    kit.advance(4000);
    then(kit);
  };
}

const cut: Recipe = (k) => {
  k.link.cut();
  k.advance(30_000);
};

/** One story per code; a story may of course produce many codes. */
const PUSHER_RECIPES: Record<number, [Recipe, Opts?]> = {
  [PushCode.CONNECT_SUCC]: [pushStory({})],
  [PushCode.PUSH_BEGIN]: [pushStory({})],
  [PushCode.OPEN_CAMERA_SUCC]: [pushStory({})],
  [PushCode.FIRST_FRAME_AVAILABLE]: [pushStory({})],
  [PushCode.START_VIDEO_ENCODER]: [pushStory({})],
  // RTC mode adapts (min-/max-bitrate apply in RTC only); the picture halves when the rate sinks far.
  [PushCode.CHANGE_RESOLUTION]: [
    pushStory({ mode: 'RTC', minBitrate: 300, maxBitrate: 800 }, (k) => k.advance(10_000)),
    { network: { name: 'thin', rttMs: 80, jitterMs: 5, upKbps: 300, downKbps: 5000, lossPct: 0 } },
  ],
  [PushCode.CHANGE_BITRATE]: [
    pushStory({ minBitrate: 300, maxBitrate: 800 }, (k) => k.advance(10_000)),
    { network: { name: 'thin', rttMs: 80, jitterMs: 5, upKbps: 300, downKbps: 5000, lossPct: 0 } },
  ],
  [PushCode.WARNING_NET_BUSY]: [
    pushStory({ minBitrate: 300, maxBitrate: 800 }, (k) => k.advance(10_000)),
    { network: { name: 'thin', rttMs: 80, jitterMs: 5, upKbps: 200, downKbps: 5000, lossPct: 0 } },
  ],
  [PushCode.WARNING_RECONNECT]: [pushStory({}, cut)],
  [PushCode.WARNING_HW_ACCELERATION_FAIL]: [pushStory({}, undefined, ['hw-encoder-fail'])],
  [PushCode.WARNING_VIDEO_ENCODE_FAIL]: [pushStory({}, undefined, ['video-encode-glitch'])],
  [PushCode.WARNING_BEAUTYSURFACE_VIEW_INIT_FAIL]: [pushStory({}, undefined, ['beauty-init-fail'])],
  [PushCode.WARNING_VIDEO_ENCODE_BITRATE_OVERFLOW]: [pushStory({}, undefined, ['encode-bitrate-overflow'])],
  [PushCode.WARNING_VIDEO_ENCODE_SW_SWITCH_HW]: [pushStory({}, undefined, ['encoder-sw-to-hw']), { platform: 'android' }],
  [PushCode.WARNING_DNS_FAIL]: [pushStory({}, cut)],
  [PushCode.WARNING_SEVER_CONN_FAIL]: [
    pushStory({}, (k) => {
      k.link.refuse();
      k.link.reset();
      k.advance(20_000);
    }),
  ],
  [PushCode.WARNING_SHAKE_FAIL]: [
    pushStory({}, (k) => {
      k.link.failHandshake();
      k.link.reset();
      k.advance(20_000);
    }),
  ],
  [PushCode.WARNING_SERVER_DISCONNECT]: [
    pushStory({}, (k) => {
      k.link.serverClose();
      k.advance(5000);
    }),
  ],
  [PushCode.WARNING_READ_WRITE_FAIL]: [pushStory({}, cut)],
  [PushCode.MIC_TOGGLED_IOS]: [
    (k) => {
      const p = k.pusher('p');
      p.insert({ url: PUSH });
      p.call('start');
      k.advance(2000);
      p.update({ enableMic: false });
    },
    { platform: 'ios' },
  ],
  [PushCode.MUTE_TOGGLED_IOS]: [
    (k) => {
      const p = k.pusher('p');
      p.insert({ url: PUSH });
      p.call('start');
      k.advance(2000);
      p.update({ muted: true });
    },
    { platform: 'ios' },
  ],
  [PushCode.SUSPENDED]: [
    pushStory({}, (k) => {
      k.device.background();
      k.advance(2000);
    }),
  ],
  [PushCode.INTERRUPTED]: [
    pushStory({}, (k) => {
      k.device.startCall();
      k.advance(1000);
    }),
    { platform: 'android' },
  ],
  [PushCode.LOCAL_RCV_FIRST_I_FRAME]: [pushStory({}), { params: { pusherEmitsLocalVideoCodes: true } }],
  [PushCode.LOCAL_PLAY_BEGIN]: [pushStory({}), { params: { pusherEmitsLocalVideoCodes: true } }],
  [PushCode.ERR_OPEN_CAMERA_FAIL]: [pushStory({}, undefined, ['camera-open-fail'])],
  [PushCode.ERR_OPEN_MIC_FAIL]: [pushStory({}, undefined, ['mic-open-fail'])],
  [PushCode.ERR_VIDEO_ENCODE_FAIL]: [pushStory({}, undefined, ['video-encode-fail'])],
  [PushCode.ERR_AUDIO_ENCODE_FAIL]: [pushStory({}, undefined, ['audio-encode-fail'])],
  [PushCode.ERR_UNSUPPORTED_RESOLUTION]: [pushStory({ mode: 'RTC', videoWidth: 2160, videoHeight: 3840 })],
  [PushCode.ERR_NET_DISCONNECT]: [pushStory({}, cut)],
  [PushCode.ERR_MIC_RECORD_FAIL]: [pushStory({}, undefined, ['mic-no-data']), { platform: 'android' }],
  // TRTC room:// protocol
  ...roomRecipes(),
};

function roomRecipes(): Record<number, [Recipe]> {
  const twoMembers: Recipe = (k) => {
    const a = k.pusher('alice');
    a.insert({ url: ROOM('alice'), mode: 'RTC' });
    a.call('start');
    k.advance(2000);
    const b = k.pusher('bob');
    b.insert({ url: ROOM('bob'), mode: 'RTC' });
    b.call('start');
    k.advance(2000);
    b.call('stop');
    k.advance(1000);
    a.call('stop');
  };
  const kicked: Recipe = (k) => {
    const a = k.pusher('alice');
    a.insert({ url: ROOM('alice'), mode: 'RTC' });
    a.call('start');
    k.advance(2000);
    k.link.reset();
    k.advance(10_000);
    k.link.serverClose();
    k.advance(1000);
  };
  const entryFails =
    (extra: string): Recipe =>
    (k) => {
      const a = k.pusher('alice');
      a.insert({ url: ROOM('alice').replace('&usersig=sig', '') + extra, mode: 'RTC' });
      a.call('start');
      k.advance(3000);
    };
  return {
    [PushCode.ROOM_IN]: [twoMembers],
    [PushCode.ROOM_OUT]: [twoMembers],
    [PushCode.ROOM_USERLIST]: [twoMembers],
    [PushCode.ROOM_USER_ENTER]: [twoMembers],
    [PushCode.ROOM_USER_EXIT]: [twoMembers],
    [PushCode.ROOM_USER_VIDEO_STATE]: [twoMembers],
    [PushCode.ROOM_USER_AUDIO_STATE]: [twoMembers],
    [PushCode.ROOM_NEED_REENTER]: [kicked],
    [PushCode.ROOM_IN_FAILED]: [entryFails('&usersig=sig&roomid=0')],
    [PushCode.ERR_ROOM_ENTER_FAIL]: [entryFails('&usersig=sig&roomid=0')],
    [PushCode.ERR_USER_SIG]: [entryFails('&usersig=invalid')],
    [PushCode.ERR_SDKAPPID]: [
      (k) => {
        const a = k.pusher('alice');
        a.insert({ url: ROOM('alice').replace('sdkappid=1400000000&', ''), mode: 'RTC' });
        a.call('start');
        k.advance(3000);
      },
    ],
    [PushCode.ERR_PRIVATE_MAP_KEY]: [entryFails('&usersig=sig&privatemapkey=invalid')],
  };
}

const PUSHER_NOT_PRODUCED: Record<number, string> = {
  [PushCode.NONE]: 'WeChat documents 0 as "no error"; no client sends it as an event (trtc-wx ignores it); a test injects it with rig.inject',
  [PushCode.SCREEN_CAPTURE_SUCC]: 'screen capture does not exist in mini-programs',
  [PushCode.CAMERA_REMOVED]: 'Windows-only LiteAV event',
  [PushCode.CAMERA_AVAILABLE]: 'Windows-only LiteAV event',
  [PushCode.CAMERA_CLOSED]: 'Windows-only LiteAV event',
  [PushCode.SNAPSHOT_RESULT]: 'Windows-only LiteAV event; mini-program snapshots answer through the callback',
  [PushCode.HW_ENCODER_START_SUCC]: 'LiteAV header only; the WeChat component does not surface it',
  [PushCode.SW_ENCODER_START_SUCC]: 'LiteAV header only; the WeChat component does not surface it',
  [PushCode.LOCAL_RECORD_RESULT]: 'LiteAV local recording; no mini-program API records locally',
  [PushCode.LOCAL_RECORD_PROGRESS]: 'LiteAV local recording; no mini-program API records locally',
  [PushCode.LOCAL_PLAY_LOADING]:
    'observed on real pushers with no known cause (UNCONFIRMED); only a real device produces it, and a test injects it with rig.inject',
  [PushCode.OBSERVED_2027]: 'undocumented, seen once on WeChat Android 7.0.21; only a real device produces it, and a test injects it with rig.inject',
  [PushCode.OBSERVED_2029]: 'undocumented, seen once on WeChat Android 7.0.21; only a real device produces it, and a test injects it with rig.inject',
  [PushCode.ERR_UNSUPPORTED_SAMPLERATE]:
    'audio-quality admits only 48 kHz/16 kHz, both supported; only a broken device audio stack produces it; a test injects it with rig.inject',
  [PushCode.ERR_SCREEN_CAPTURE_START_FAILED]: 'screen capture does not exist in mini-programs',
  [PushCode.ERR_SCREEN_CAPTURE_UNSURPORT]: 'screen capture does not exist in mini-programs',
  [PushCode.ERR_SCREEN_CAPTURE_DISTURBED]: 'screen capture does not exist in mini-programs',
  [PushCode.ERR_SCREEN_CAPTURE_SWITCH_DISPLAY_FAILED]: 'screen capture does not exist in mini-programs',
  [PushCode.ERR_INVALID_ADDRESS]: 'LiteAV header only; WeChat fails start() instead (see the invalid-URL test)',
  [PushCode.ERR_CONNECT_SERVER_FAILED]: 'LiteAV header only; WeChat reports 3002',
  [PushCode.ERR_NETWORK_UNAVAIABLE]: 'LiteAV header only; WeChat reports 3001/3005',
  [PushCode.ERR_SERVER_REFUSED]: 'LiteAV header only; WeChat reports 3002',
};

const PLAYER_RECIPES: Record<number, [Recipe, Opts?]> = {
  [PlayCode.CONNECT_SUCC]: [playStory({})],
  [PlayCode.RTMP_STREAM_BEGIN]: [playStory({})],
  [PlayCode.RCV_FIRST_I_FRAME]: [playStory({})],
  [PlayCode.PLAY_BEGIN]: [playStory({})],
  [PlayCode.START_VIDEO_DECODER]: [playStory({})],
  [PlayCode.RENDER_FIRST_FRAME]: [playStory({})],
  [PlayCode.PLAY_END]: [
    playStory({ src: RTMP }, (k) => {
      k.link.unpublishRemote('live/demo');
      k.advance(2000);
    }),
  ],
  [PlayCode.PLAY_LOADING]: [playStory({}, (k) => (k.link.stall(4000), k.advance(10_000)))],
  [PlayCode.WARNING_VIDEO_PLAY_LAG]: [playStory({}, (k) => (k.link.stall(4000), k.advance(10_000)))],
  [PlayCode.CHANGE_RESOLUTION]: [
    (k) => {
      // An RTC anchor on a thin uplink drops resolution; its viewer sees 2009.
      const p = k.pusher('p');
      p.insert({ url: PUSH, mode: 'RTC', minBitrate: 300, maxBitrate: 800 });
      p.call('start');
      k.advance(1000);
      k.player('v').insert({ src: FLV, autoplay: true });
      k.advance(3000);
      k.link.set({ upKbps: 380 });
      k.advance(15_000);
    },
  ],
  [PlayCode.WARNING_VIDEO_DISCONTINUITY]: [
    (k) => {
      // The anchor's queue overflows and skips frames; the viewer sees the gap.
      const p = k.pusher('p');
      p.insert({ url: PUSH, minBitrate: 600, maxBitrate: 800 });
      p.call('start');
      k.advance(1000);
      k.player('v').insert({ src: FLV, autoplay: true });
      k.advance(4000);
      k.link.set({ upKbps: 150 });
      k.advance(20_000);
    },
  ],
  [PlayCode.GET_MESSAGE]: [
    (k) => {
      const p = k.pusher('p');
      p.insert({ url: PUSH });
      p.call('start');
      k.advance(1000);
      k.player('v').insert({ src: FLV, autoplay: true, enableRecvMessage: true });
      k.advance(4000);
      p.call('sendMessage', { msg: 'hello' });
      k.advance(4000);
    },
  ],
  [PlayCode.AUDIO_DEVICE_CHANGED]: [playStory({}, (k) => (k.device.audioRoute('speaker'), k.advance(100)))],
  [PlayCode.WARNING_VIDEO_DECODE_FAIL]: [playStory({}, undefined, ['video-decode-glitch'])],
  [PlayCode.WARNING_AUDIO_DECODE_FAIL]: [playStory({}, undefined, ['audio-decode-glitch'])],
  [PlayCode.WARNING_RECONNECT]: [playStory({}, cut)],
  [PlayCode.WARNING_RECV_DATA_LAG]: [playStory({}, (k) => (k.link.set({ downKbps: 500 }), k.advance(10_000)))],
  [PlayCode.WARNING_HW_ACCELERATION_FAIL]: [playStory({}, undefined, ['hw-decoder-fail'])],
  [PlayCode.WARNING_FIRST_IDR_HW_DECODE_FAIL]: [playStory({}, undefined, ['first-idr-hw-decode-fail'])],
  // 3001/3002 are RTMP warnings: sent for rtmp:// only (§3.2).
  [PlayCode.WARNING_DNS_FAIL]: [playStory({ src: RTMP }, cut)],
  [PlayCode.WARNING_SEVER_CONN_FAIL]: [playStory({ src: RTMP }, (k) => (k.link.refuse(), k.link.reset(), k.advance(20_000)))],
  [PlayCode.WARNING_SHAKE_FAIL]: [playStory({ src: RTMP }, (k) => (k.link.failHandshake(), k.link.reset(), k.advance(20_000)))],
  // Over HTTP-FLV a server hang-up is only the end of the response (Q2); RTMP has a session to close.
  [PlayCode.WARNING_SERVER_DISCONNECT]: [playStory({ src: RTMP }, (k) => (k.link.serverClose(), k.advance(2000)))],
  [PlayCode.WARNING_READ_WRITE_FAIL]: [playStory({}, cut)],
  [PlayCode.ERR_NET_DISCONNECT]: [playStory({}, cut)],
  [PlayCode.ERR_GET_RTMP_ACC_URL_FAIL]: [playStory({ mode: 'RTC', src: RTMP })],
};

const PLAYER_NOT_PRODUCED: Record<number, string> = {
  [PlayCode.PLAY_PROGRESS]: 'VOD only; a live player never sends it',
  [PlayCode.GET_PLAYINFO_SUCC]: 'LiteAV VOD only; a live player never sends it',
  [PlayCode.CHANGE_ROTATION]: 'LiteAV only; the WeChat component does not document it',
  [PlayCode.VOD_PLAY_PREPARED]: 'LiteAV VOD only; a live player never sends it',
  [PlayCode.VOD_LOADING_END]: 'LiteAV VOD only; a live player never sends it',
  [PlayCode.STREAM_SWITCH_SUCC]: 'LiteAV stream switching; no mini-program API switches streams',
  [PlayCode.RCV_FIRST_AUDIO_FRAME]: 'LiteAV header; the WeChat component does not surface it',
  [PlayCode.OBSERVED_2027]: 'undocumented, observed once; only a real device produces it, and a test injects it with rig.inject',
  [PlayCode.GET_METADATA]: 'LiteAV header; the WeChat component does not surface it',
  [PlayCode.GET_FLVSESSIONKEY]: 'LiteAV header; the WeChat component does not surface it',
  [PlayCode.OBSERVED_6000]: 'undocumented iOS code (community report); only a real device produces it, and a test injects it with rig.inject',
  [PlayCode.OBSERVED_6002]: 'undocumented (trtc-wx maps it to PLAYER_WARNING); only a real device produces it, and a test injects it with rig.inject',
  [PlayCode.OBSERVED_6003]: 'undocumented (trtc-wx maps it to PLAYER_WARNING); only a real device produces it, and a test injects it with rig.inject',
  [PlayCode.OBSERVED_6004]: 'undocumented (trtc-wx maps it to PLAYER_WARNING); only a real device produces it, and a test injects it with rig.inject',
  [PlayCode.OBSERVED_6005]: 'undocumented (trtc-wx maps it to PLAYER_WARNING); only a real device produces it, and a test injects it with rig.inject',
  [PlayCode.ERR_FILE_NOT_FOUND]: 'LiteAV VOD only; a live player never sends it',
  [PlayCode.ERR_HEVC_DECODE_FAIL]: 'LiteAV only; the mini-program player does not play HEVC',
  [PlayCode.ERR_HLS_KEY]: 'LiteAV HLS only; the mini-program player does not play HLS',
  [PlayCode.ERR_GET_PLAYINFO_FAIL]: 'LiteAV VOD only; a live player never sends it',
  [PlayCode.ERR_STREAM_SWITCH_FAIL]: 'LiteAV stream switching; no mini-program API switches streams',
  [PlayCode.ERR_STREAM_SERVER_REFUSED]: 'LiteAV only; WeChat reports 3002/2103',
};

const ERROR_RECIPES: Record<number, Recipe> = {
  10001: (k) => (k.device.setPermission('camera', false), pushStory({})(k)),
  10002: (k) => (k.device.setPermission('microphone', false), pushStory({})(k)),
  10003: pushStory({}, (k) => {
    k.link.defineResource('https://cdn.example.com/x.mp3', { ok: false });
    k.pusher('q').call('playBGM', { url: 'https://cdn.example.com/x.mp3' });
    k.advance(2000);
  }),
  10004: (k) => {
    k.link.defineResource('https://cdn.example.com/wait.png', { ok: false });
    pushStory({ waitingImage: 'https://cdn.example.com/wait.png' }, (kk) => (kk.device.background(), kk.advance(2000)))(k);
  },
  // Observed on a device only (§1.3): the model sends them when a test injects them (rig.inject).
  ...Object.fromEntries(
    [10005, 10012, 10014].map((code) => [
      code,
      (k: ModelKit) => {
        const p = k.pusher('p');
        p.insert({ url: PUSH });
        expect(p.inject(code)).toBeUndefined();
      },
    ]),
  ),
};

function run(recipe: Recipe, o: Opts = {}): ModelKit {
  const kit = new ModelKit({ params: o.params, client: o.platform ? { platform: o.platform } : undefined, network: o.network as never });
  recipe(kit);
  return kit;
}

describe('the code table walk', () => {
  for (const [component, recipes, excused] of [
    ['pusher', PUSHER_RECIPES, PUSHER_NOT_PRODUCED],
    ['player', PLAYER_RECIPES, PLAYER_NOT_PRODUCED],
  ] as const) {
    describe(component, () => {
      for (const entry of allCodes(component)) {
        const recipe = (recipes as Record<number, [Recipe, Opts?]>)[entry.code];
        const reason = (excused as Record<number, string>)[entry.code];
        if (recipe) {
          it(`produces ${entry.code} ${entry.name}`, () => {
            const kit = run(recipe[0], recipe[1]);
            expect(kit.events.filter((e) => e.source.startsWith(component)).map((e) => e.code)).toContain(entry.code);
          });
        } else {
          it(`lists ${entry.code} ${entry.name} as not produced, with a reason`, () => {
            expect(typeof reason === 'string' && reason.length > 15).toBe(true);
          });
        }
      }
    });
  }

  it('sends each code only a device produces when a test injects it, as bindstatechange with its message', () => {
    for (const [component, excuses] of [
      ['pusher', PUSHER_NOT_PRODUCED],
      ['player', PLAYER_NOT_PRODUCED],
    ] as const) {
      const injectable = Object.entries(excuses)
        .filter(([, why]) => why.includes('rig.inject'))
        .map(([code]) => Number(code));
      expect(injectable.length).toBeGreaterThanOrEqual(component === 'pusher' ? 5 : 6);
      const kit = new ModelKit();
      const m = component === 'pusher' ? kit.pusher('p') : kit.player('v');
      for (const code of injectable) expect(m.inject(code)).toBeUndefined();
      expect(kit.codes()).toEqual(injectable);
    }
  });

  for (const entry of errorCodes()) {
    it(`produces binderror ${entry.code} ${entry.name}`, () => {
      const recipe = ERROR_RECIPES[entry.code];
      expect(recipe).toBeDefined();
      const kit = run(recipe);
      expect(kit.of('error').map((e) => e.code)).toContain(entry.code);
    });
  }

  it('keeps no recipe or excuse for a code the table does not have', () => {
    const pusher = new Set(allCodes('pusher').map((e) => e.code));
    const player = new Set(allCodes('player').map((e) => e.code));
    for (const c of [...Object.keys(PUSHER_RECIPES), ...Object.keys(PUSHER_NOT_PRODUCED)].map(Number)) expect(pusher.has(c)).toBe(true);
    for (const c of [...Object.keys(PLAYER_RECIPES), ...Object.keys(PLAYER_NOT_PRODUCED)].map(Number)) expect(player.has(c)).toBe(true);
    for (const c of Object.keys(PUSHER_RECIPES).map(Number)) expect(c in PUSHER_NOT_PRODUCED).toBe(false);
  });
});
