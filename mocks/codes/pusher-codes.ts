/**
 * live-pusher `statechange` codes (reference §3.1). Meaning = WeChat doc text;
 * name = LiteAV TXLiveSDKEventDef.h constant unless the note says it is ours.
 */
import type { CodeEntry } from './types';

type Row = readonly [code: number, name: string, meaning: string, extra?: Partial<Omit<CodeEntry, 'code' | 'name' | 'meaning' | 'component'>>];

const WIN = {
  source: 'liteav',
  note: 'Windows-only in the old LiteAV doc; the 2020 header moved camera events to 1023–1025. Not produced by the mini-program component.',
} as const;
const HEADER = { source: 'liteav', note: 'LiteAV header only; not surfaced by the WeChat component.' } as const;
const ROOM = { protocol: 'room', source: 'wechat' } as const;
const SCREEN = { source: 'wechat', note: 'Screen capture does not exist in mini-programs; listed in the WeChat table for completeness.' } as const;
const TRTC = { source: 'trtc', protocol: 'room' } as const;
const OURS = 'The constant name is ours: the sources give none.';

export const PUSHER_ROWS = {
  NONE: [0, 'PUSH_EVT_NONE', '无错误 (no error)', { source: 'wechat', kind: 'event', note: `${OURS} trtc-wx treats it as an unknown code and ignores it.` }],
  CONNECT_SUCC: [1001, 'PUSH_EVT_CONNECT_SUCC', '已经连接推流服务器 (connected to the push server)', { source: 'wechat' }],
  PUSH_BEGIN: [1002, 'PUSH_EVT_PUSH_BEGIN', '已经与服务器握手完毕，开始推流 (handshake done, pushing)', { source: 'wechat' }],
  OPEN_CAMERA_SUCC: [1003, 'PUSH_EVT_OPEN_CAMERA_SUCC', '打开摄像头成功 (camera opened)', { source: 'wechat' }],
  SCREEN_CAPTURE_SUCC: [1004, 'PUSH_EVT_SCREEN_CAPTURE_SUCC', '录屏启动成功 (screen capture started)', SCREEN],
  CHANGE_RESOLUTION: [1005, 'PUSH_EVT_CHANGE_RESOLUTION', '推流动态调整分辨率 (resolution adapted)', { source: 'wechat' }],
  CHANGE_BITRATE: [1006, 'PUSH_EVT_CHANGE_BITRATE', '推流动态调整码率 (bitrate adapted)', { source: 'wechat' }],
  FIRST_FRAME_AVAILABLE: [1007, 'PUSH_EVT_FIRST_FRAME_AVAILABLE', '首帧画面采集完成 (first frame captured)', { source: 'wechat' }],
  START_VIDEO_ENCODER: [1008, 'PUSH_EVT_START_VIDEO_ENCODER', '编码器启动 (encoder started)', { source: 'wechat' }],
  CAMERA_REMOVED: [1009, 'PUSH_EVT_CAMERA_REMOVED', '摄像头被移除 (camera removed)', WIN],
  CAMERA_AVAILABLE: [1010, 'PUSH_EVT_CAMERA_AVAILABLE', '摄像头可用 (camera available)', WIN],
  CAMERA_CLOSED: [1011, 'PUSH_EVT_CAMERA_CLOSED', '摄像头已关闭 (camera closed)', WIN],
  SNAPSHOT_RESULT: [1012, 'PUSH_EVT_SNAPSHOT_RESULT', '截图结果 (snapshot result)', WIN],
  ROOM_IN: [1018, 'PUSH_EVT_ROOM_IN', '进房成功（ROOM协议特有）(entered the room)', ROOM],
  ROOM_OUT: [1019, 'PUSH_EVT_ROOM_OUT', '退房成功（ROOM协议特有）(left the room; also on failed entry or mid-session exit)', ROOM],
  ROOM_USERLIST: [
    1020,
    'PUSH_EVT_ROOM_USERLIST',
    '远端主播列表变化（ROOM）(remote anchor list changed)',
    { ...ROOM, confirmed: false, note: 'message format UNCONFIRMED' },
  ],
  ROOM_NEED_REENTER: [1021, 'PUSH_EVT_ROOM_NEED_REENTER', '网络变更时重进房（WiFi→4G 断线重连）(re-entering after a network change)', ROOM],
  ROOM_IN_FAILED: [
    1022,
    'PUSH_EVT_ROOM_IN_FAILED',
    '进入房间失败（ROOM）(room entry failed)',
    { ...ROOM, note: 'The header also defines EVT_SNAPSHOT_COMPLETE = 1022 (collision).' },
  ],
  HW_ENCODER_START_SUCC: [1027, 'PUSH_EVT_HW_ENCODER_START_SUCC', '硬编码启动成功 (hardware encoder started)', HEADER],
  SW_ENCODER_START_SUCC: [1028, 'PUSH_EVT_SW_ENCODER_START_SUCC', '软编码启动成功 (software encoder started)', HEADER],
  LOCAL_RECORD_RESULT: [1029, 'PUSH_EVT_LOCAL_RECORD_RESULT', '本地录制结果 (local recording result)', HEADER],
  LOCAL_RECORD_PROGRESS: [1030, 'PUSH_EVT_LOCAL_RECORD_PROGRESS', '本地录制进度 (local recording progress)', HEADER],
  ROOM_USER_ENTER: [1031, 'PUSH_EVT_ROOM_USER_ENTER', '远端主播进房通知（ROOM）(remote anchor entered)', ROOM],
  ROOM_USER_EXIT: [1032, 'PUSH_EVT_ROOM_USER_EXIT', '远端主播退房通知（ROOM）(remote anchor left)', ROOM],
  ROOM_USER_VIDEO_STATE: [1033, 'PUSH_EVT_ROOM_USER_VIDEO_STATE', '远端主播视频状态位变化（ROOM）(remote video state changed)', ROOM],
  ROOM_USER_AUDIO_STATE: [1034, 'PUSH_EVT_ROOM_USER_AUDIO_STATE', '远端主播音频状态位变化（ROOM）(remote audio state changed)', ROOM],
  WARNING_NET_BUSY: [1101, 'PUSH_WARNING_NET_BUSY', '网络状况不佳：上行带宽太小，上传数据受阻 (uplink too small)', { source: 'wechat' }],
  WARNING_RECONNECT: [
    1102,
    'PUSH_WARNING_RECONNECT',
    '网络断连, 已启动自动重连 (disconnected, reconnecting)',
    { source: 'wechat', note: 'LiteAV: gives up after 3 consecutive failures (-1307).' },
  ],
  WARNING_HW_ACCELERATION_FAIL: [
    1103,
    'PUSH_WARNING_HW_ACCELERATION_FAIL',
    '硬编码启动失败, 采用软编码 (hardware encoder failed, software used)',
    { source: 'wechat' },
  ],
  WARNING_VIDEO_ENCODE_FAIL: [1104, 'PUSH_WARNING_VIDEO_ENCODE_FAIL', '视频编码失败, 内部会重启编码器 (encode failed, encoder restarts)', { source: 'wechat' }],
  WARNING_BEAUTYSURFACE_VIEW_INIT_FAIL: [
    1105,
    'PUSH_WARNING_BEAUTYSURFACE_VIEW_INIT_FAIL',
    '新美颜软编码启动失败，采用老的软编码 (new beauty encoder failed, old one used)',
    { source: 'wechat' },
  ],
  WARNING_VIDEO_ENCODE_BITRATE_OVERFLOW: [
    1106,
    'PUSH_WARNING_VIDEO_ENCODE_BITRATE_OVERFLOW',
    '视频编码码率异常 (encoder bitrate abnormal)',
    { source: 'wechat', note: 'The old WeChat doc repeats the 1105 text; LiteAV: bitrate abnormal.' },
  ],
  WARNING_VIDEO_ENCODE_SW_SWITCH_HW: [
    1107,
    'PUSH_WARNING_VIDEO_ENCODE_SW_SWITCH_HW',
    '软编码切换到硬编码 (software encoder switched to hardware)',
    { source: 'liteav', platform: 'android' },
  ],
  WARNING_DNS_FAIL: [3001, 'PUSH_WARNING_DNS_FAIL', 'RTMP DNS解析失败 (DNS failed; retry starts)', { source: 'wechat' }],
  WARNING_SEVER_CONN_FAIL: [3002, 'PUSH_WARNING_SEVER_CONN_FAIL', 'RTMP服务器连接失败 (server connection failed)', { source: 'wechat' }],
  WARNING_SHAKE_FAIL: [3003, 'PUSH_WARNING_SHAKE_FAIL', 'RTMP服务器握手失败 (RTMP handshake failed)', { source: 'wechat' }],
  WARNING_SERVER_DISCONNECT: [
    3004,
    'PUSH_WARNING_SERVER_DISCONNECT',
    'RTMP服务器主动断开，请检查推流地址的合法性或防盗链有效期 (server closed the connection: check the URL or its signature)',
    { source: 'wechat' },
  ],
  WARNING_READ_WRITE_FAIL: [3005, 'PUSH_WARNING_READ_WRITE_FAIL', 'RTMP 读/写失败 (socket read/write failed)', { source: 'wechat' }],
  MIC_TOGGLED_IOS: [
    4998,
    'PUSH_EVT_MIC_TOGGLED',
    'Mic状态切换时，enable-mic 触发 (enable-mic toggled)',
    { source: 'wechat', kind: 'event', platform: 'ios', note: `${OURS} message is "".` },
  ],
  MUTE_TOGGLED_IOS: [
    4999,
    'PUSH_EVT_MUTE_TOGGLED',
    'mute状态切换时，muted 触发 (muted toggled)',
    { source: 'wechat', kind: 'event', platform: 'ios', note: `${OURS} message is "".` },
  ],
  SUSPENDED: [
    5000,
    'PUSH_EVT_SUSPENDED',
    '小程序被挂起 (mini-program suspended)',
    {
      source: 'trtc',
      kind: 'event',
      note: `${OURS} Not in the WeChat table; TRTC components: iOS capsule tap; the SDK leaves the room and re-enters on foreground.`,
    },
  ],
  INTERRUPTED: [
    5001,
    'PUSH_EVT_INTERRUPTED',
    '系统电话打断或者微信音视频电话打断 (interrupted by a phone or WeChat call)',
    { source: 'wechat', kind: 'event', platform: 'android', note: `${OURS} TRTC reads it as "floating window closed, Android only".` },
  ],
  LOCAL_RCV_FIRST_I_FRAME: [
    2003,
    'PUSH_EVT_LOCAL_FIRST_I_FRAME',
    '本地视频首帧 (local first frame, observed on pushers)',
    { source: 'observed', kind: 'event', confirmed: false, note: `${OURS} trtc-wx logs 2003/2004/2007 from the pusher as local video events.` },
  ],
  LOCAL_PLAY_BEGIN: [
    2004,
    'PUSH_EVT_LOCAL_PLAY_BEGIN',
    '本地视频播放开始 (local preview began, observed)',
    { source: 'observed', kind: 'event', confirmed: false, note: OURS },
  ],
  LOCAL_PLAY_LOADING: [
    2007,
    'PUSH_EVT_LOCAL_PLAY_LOADING',
    '本地视频 loading (local preview loading, observed)',
    { source: 'observed', kind: 'event', confirmed: false, note: OURS },
  ],
  OBSERVED_2027: [
    2027,
    'PUSH_EVT_OBSERVED_2027',
    '未公开 (undocumented, seen on WeChat Android 7.0.21)',
    { source: 'observed', kind: 'event', confirmed: false, note: OURS },
  ],
  OBSERVED_2029: [
    2029,
    'PUSH_EVT_OBSERVED_2029',
    '未公开 (undocumented, seen on WeChat Android 7.0.21)',
    { source: 'observed', kind: 'event', confirmed: false, note: OURS },
  ],
  ERR_OPEN_CAMERA_FAIL: [-1301, 'PUSH_ERR_OPEN_CAMERA_FAIL', '打开摄像头失败 (camera open failed)', { source: 'wechat' }],
  ERR_OPEN_MIC_FAIL: [-1302, 'PUSH_ERR_OPEN_MIC_FAIL', '打开麦克风失败 (microphone open failed)', { source: 'wechat' }],
  ERR_VIDEO_ENCODE_FAIL: [-1303, 'PUSH_ERR_VIDEO_ENCODE_FAIL', '视频编码失败 (video encoding failed)', { source: 'wechat' }],
  ERR_AUDIO_ENCODE_FAIL: [-1304, 'PUSH_ERR_AUDIO_ENCODE_FAIL', '音频编码失败 (audio encoding failed)', { source: 'wechat' }],
  ERR_UNSUPPORTED_RESOLUTION: [-1305, 'PUSH_ERR_UNSUPPORTED_RESOLUTION', '不支持的视频分辨率 (unsupported resolution)', { source: 'wechat' }],
  ERR_UNSUPPORTED_SAMPLERATE: [-1306, 'PUSH_ERR_UNSUPPORTED_SAMPLERATE', '不支持的音频采样率 (unsupported sample rate)', { source: 'wechat' }],
  ERR_NET_DISCONNECT: [
    -1307,
    'PUSH_ERR_NET_DISCONNECT',
    '网络断连，且经多次重连抢救无效，更多重试请自行重启推流 (disconnected; reconnects failed, restart the push yourself)',
    { source: 'wechat', note: 'After 3 failed retries (docs/quirks.md#q1).' },
  ],
  ERR_SCREEN_CAPTURE_START_FAILED: [
    -1308,
    'PUSH_ERR_SCREEN_CAPTURE_START_FAILED',
    '开始录屏失败，可能是被用户拒绝 (screen capture refused)',
    { ...SCREEN, note: 'iOS: PUSH_ERR_AUDIO_SYSTEM_NOT_WORK; Windows: PUSH_ERR_CAMERA_OCCUPY. Screen capture does not exist in mini-programs.' },
  ],
  ERR_SCREEN_CAPTURE_UNSURPORT: [
    -1309,
    'PUSH_ERR_SCREEN_CAPTURE_UNSURPORT',
    '录屏失败，不支持的 Android 系统版本（需5.0+）(screen capture unsupported)',
    SCREEN,
  ],
  ERR_SCREEN_CAPTURE_DISTURBED: [-1310, 'PUSH_ERR_SCREEN_CAPTURE_DISTURBED', '录屏被其他应用打断了 (screen capture interrupted)', SCREEN],
  ERR_MIC_RECORD_FAIL: [
    -1311,
    'PUSH_ERR_MIC_RECORD_FAIL',
    'Android Mic 打开成功，但是录不到音频数据 (mic open but silent)',
    { source: 'wechat', platform: 'android' },
  ],
  ERR_SCREEN_CAPTURE_SWITCH_DISPLAY_FAILED: [
    -1312,
    'PUSH_ERR_SCREEN_CAPTURE_SWITCH_DISPLAY_FAILED',
    '录屏动态切横竖屏失败 (screen capture rotation failed)',
    SCREEN,
  ],
  ERR_INVALID_ADDRESS: [-1313, 'PUSH_ERR_INVALID_ADDRESS', '推流地址非法 (invalid push address)', HEADER],
  ERR_CONNECT_SERVER_FAILED: [-1324, 'PUSH_ERR_CONNECT_SERVER_FAILED', '连接服务器失败 (server connection failed)', HEADER],
  ERR_NETWORK_UNAVAIABLE: [-1325, 'PUSH_ERR_NETWORK_UNAVAIABLE', '网络不可用 (network unavailable)', HEADER],
  ERR_SERVER_REFUSED: [-1326, 'PUSH_ERR_SERVER_REFUSED', '服务器拒绝 (server refused)', HEADER],
  ERR_ROOM_ENTER_FAIL: [
    -3301,
    'PUSH_ERR_ROOM_ENTER_FAIL',
    '(TRTC) 进入房间失败 (room entry failed)',
    { ...TRTC, note: `${OURS} trtc-wx ≥1.1.12 turns it into ERROR.` },
  ],
  ERR_PRIVATE_MAP_KEY: [-100006, 'PUSH_ERR_PRIVATE_MAP_KEY', '(TRTC) privateMapKey 校验失败 (privateMapKey check failed)', { ...TRTC, note: OURS }],
  ERR_SDKAPPID: [-100015, 'PUSH_ERR_SDKAPPID', '(TRTC) SDKAppID 异常 (bad SDKAppID)', { ...TRTC, note: OURS }],
  ERR_USER_SIG: [-100018, 'PUSH_ERR_USER_SIG', '(TRTC) userSig 校验失败 (userSig check failed)', { ...TRTC, note: OURS }],
} as const satisfies Record<string, Row>;
