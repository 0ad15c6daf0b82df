/**
 * live-player `statechange` codes (reference §3.2).
 */
import type { CodeEntry } from './types';

type Row = readonly [code: number, name: string, meaning: string, extra?: Partial<Omit<CodeEntry, 'code' | 'name' | 'meaning' | 'component'>>];

const LITEAV = { source: 'liteav', note: 'LiteAV only; the WeChat component does not document it.' } as const;
const OURS = 'The constant name is ours: the sources give none.';

export const PLAYER_ROWS = {
  CONNECT_SUCC: [2001, 'PLAY_EVT_CONNECT_SUCC', '已经连接服务器 (connected to the server)', { source: 'wechat' }],
  RTMP_STREAM_BEGIN: [2002, 'PLAY_EVT_RTMP_STREAM_BEGIN', '已经连接 RTMP 服务器,开始拉流 (stream begins)', { source: 'wechat' }],
  RCV_FIRST_I_FRAME: [2003, 'PLAY_EVT_RCV_FIRST_I_FRAME', '网络接收到首个视频数据包(IDR) (first key frame received)', { source: 'wechat' }],
  PLAY_BEGIN: [2004, 'PLAY_EVT_PLAY_BEGIN', '视频播放开始 (playback began)', { source: 'wechat' }],
  PLAY_PROGRESS: [
    2005,
    'PLAY_EVT_PLAY_PROGRESS',
    '视频播放进度 (playback progress; VOD only)',
    { source: 'wechat', note: 'VOD only in LiteAV; a live player never sends it.' },
  ],
  PLAY_END: [
    2006,
    'PLAY_EVT_PLAY_END',
    '视频播放结束 (playback ended)',
    { source: 'wechat', note: 'Often not sent for live streams; never for HTTP-FLV (docs/quirks.md#q2).' },
  ],
  PLAY_LOADING: [2007, 'PLAY_EVT_PLAY_LOADING', '视频播放Loading (loading)', { source: 'wechat' }],
  START_VIDEO_DECODER: [2008, 'PLAY_EVT_START_VIDEO_DECODER', '解码器启动 (decoder started)', { source: 'wechat' }],
  CHANGE_RESOLUTION: [2009, 'PLAY_EVT_CHANGE_RESOLUTION', '视频分辨率改变 (resolution changed)', { source: 'wechat' }],
  GET_PLAYINFO_SUCC: [2010, 'PLAY_EVT_GET_PLAYINFO_SUCC', '获取点播文件信息成功 (VOD play info fetched)', LITEAV],
  CHANGE_ROTATION: [
    2011,
    'PLAY_EVT_CHANGE_ROTATION',
    '视频旋转角度变化 (rotation changed)',
    { ...LITEAV, note: 'LiteAV only; the old doc spells it PLAY_EVT_CHANGE_ROATION.' },
  ],
  GET_MESSAGE: [2012, 'PLAY_EVT_GET_MESSAGE', '收到 SEI 消息 (SEI message received)', LITEAV],
  VOD_PLAY_PREPARED: [2013, 'PLAY_EVT_VOD_PLAY_PREPARED', '点播加载完成 (VOD prepared)', LITEAV],
  VOD_LOADING_END: [2014, 'PLAY_EVT_VOD_LOADING_END', '点播 loading 结束 (VOD loading ended)', LITEAV],
  STREAM_SWITCH_SUCC: [2015, 'PLAY_EVT_STREAM_SWITCH_SUCC', '切流成功 (stream switch succeeded)', LITEAV],
  RCV_FIRST_AUDIO_FRAME: [2026, 'PLAY_EVT_RCV_FIRST_AUDIO_FRAME', '收到首个音频帧 (first audio frame)', { source: 'liteav', note: 'LiteAV header.' }],
  OBSERVED_2027: [2027, 'PLAY_EVT_OBSERVED_2027', '未公开 (undocumented, observed)', { source: 'observed', kind: 'event', confirmed: false, note: OURS }],
  GET_METADATA: [2028, 'PLAY_EVT_GET_METADATA', '收到流元数据 (stream metadata)', { source: 'liteav', note: 'LiteAV header.' }],
  AUDIO_DEVICE_CHANGED: [
    2030,
    'PLAY_EVT_AUDIO_DEVICE_CHANGED',
    '音频设备发生改变（如耳机被拔出）(audio route changed)',
    { source: 'wechat', note: `${OURS} WeChat only.` },
  ],
  GET_FLVSESSIONKEY: [2031, 'PLAY_EVT_GET_FLVSESSIONKEY', '收到 FLV session key (FLV session key)', { source: 'liteav', note: 'LiteAV header.' }],
  RENDER_FIRST_FRAME: [
    2032,
    'PLAY_EVT_RENDER_FIRST_FRAME',
    '拉流：视频渲染首帧事件 (first frame rendered)',
    { source: 'wechat', confirmed: false, note: `${OURS} Conflict: LiteAV iOS defines 2032 as PLAY_EVT_AUDIO_SESSION_INTERRUPT; we follow WeChat.` },
  ],
  WARNING_VIDEO_DECODE_FAIL: [2101, 'PLAY_WARNING_VIDEO_DECODE_FAIL', '当前视频帧解码失败 (video frame decode failed)', { source: 'wechat' }],
  WARNING_AUDIO_DECODE_FAIL: [2102, 'PLAY_WARNING_AUDIO_DECODE_FAIL', '当前音频帧解码失败 (audio frame decode failed)', { source: 'wechat' }],
  WARNING_RECONNECT: [
    2103,
    'PLAY_WARNING_RECONNECT',
    '网络断连, 已启动自动重连 (disconnected, reconnecting)',
    { source: 'wechat', note: '-2301 after 3 failures (docs/quirks.md#q1).' },
  ],
  WARNING_RECV_DATA_LAG: [2104, 'PLAY_WARNING_RECV_DATA_LAG', '网络来包不稳 (data arriving unsteadily)', { source: 'wechat' }],
  WARNING_VIDEO_PLAY_LAG: [
    2105,
    'PLAY_WARNING_VIDEO_PLAY_LAG',
    '当前视频播放出现卡顿 (playback stutters)',
    { source: 'wechat', note: 'Native block threshold 800 ms (S16).' },
  ],
  WARNING_HW_ACCELERATION_FAIL: [
    2106,
    'PLAY_WARNING_HW_ACCELERATION_FAIL',
    '硬解启动失败，采用软解 (hardware decoder failed, software used)',
    { source: 'wechat' },
  ],
  WARNING_VIDEO_DISCONTINUITY: [2107, 'PLAY_WARNING_VIDEO_DISCONTINUITY', '当前视频帧不连续，可能丢帧 (frames discontinuous)', { source: 'wechat' }],
  WARNING_FIRST_IDR_HW_DECODE_FAIL: [
    2108,
    'PLAY_WARNING_FIRST_IDR_HW_DECODE_FAIL',
    '当前流硬解第一个I帧失败，SDK自动切软解 (first IDR hardware decode failed)',
    { source: 'wechat' },
  ],
  WARNING_DNS_FAIL: [3001, 'PLAY_WARNING_DNS_FAIL', 'RTMP -DNS解析失败 (DNS failed)', { source: 'wechat', note: 'LiteAV: rtmp:// URLs only.' }],
  WARNING_SEVER_CONN_FAIL: [3002, 'PLAY_WARNING_SEVER_CONN_FAIL', 'RTMP服务器连接失败 (server connection failed)', { source: 'wechat' }],
  WARNING_SHAKE_FAIL: [3003, 'PLAY_WARNING_SHAKE_FAIL', 'RTMP服务器握手失败 (RTMP handshake failed)', { source: 'wechat' }],
  WARNING_SERVER_DISCONNECT: [
    3004,
    'PLAY_WARNING_SERVER_DISCONNECT',
    'RTMP服务器主动断开 (server closed the connection)',
    { source: 'liteav', note: 'Not in the WeChat player table; LiteAV sends it.' },
  ],
  WARNING_READ_WRITE_FAIL: [3005, 'PLAY_WARNING_READ_WRITE_FAIL', 'RTMP 读/写失败，之后会发起网络重试 (read/write failed, retrying)', { source: 'wechat' }],
  OBSERVED_6000: [
    6000,
    'PLAY_EVT_OBSERVED_6000',
    '未公开 (undocumented, iOS, community)',
    { source: 'observed', kind: 'event', platform: 'ios', confirmed: false, note: OURS },
  ],
  OBSERVED_6002: [
    6002,
    'PLAY_WARNING_OBSERVED_6002',
    '未公开 (trtc-wx ≥1.1.14 maps to PLAYER_WARNING)',
    { source: 'observed', kind: 'warning', confirmed: false, note: OURS },
  ],
  OBSERVED_6003: [
    6003,
    'PLAY_WARNING_OBSERVED_6003',
    '未公开 (trtc-wx ≥1.1.14 maps to PLAYER_WARNING)',
    { source: 'observed', kind: 'warning', confirmed: false, note: OURS },
  ],
  OBSERVED_6004: [
    6004,
    'PLAY_WARNING_OBSERVED_6004',
    '未公开 (trtc-wx ≥1.1.14 maps to PLAYER_WARNING)',
    { source: 'observed', kind: 'warning', confirmed: false, note: OURS },
  ],
  OBSERVED_6005: [
    6005,
    'PLAY_WARNING_OBSERVED_6005',
    '未公开 (trtc-wx ≥1.1.14 maps to PLAYER_WARNING)',
    { source: 'observed', kind: 'warning', confirmed: false, note: OURS },
  ],
  ERR_NET_DISCONNECT: [
    -2301,
    'PLAY_ERR_NET_DISCONNECT',
    '网络断连，且经多次重连无效，请自行重启拉流 (disconnected; reconnects failed, restart playback yourself)',
    { source: 'wechat', note: 'After 3 retries (docs/quirks.md#q1).' },
  ],
  ERR_GET_RTMP_ACC_URL_FAIL: [
    -2302,
    'PLAY_ERR_GET_RTMP_ACC_URL_FAIL',
    '获取（加速）拉流地址失败 (could not get the low-latency URL; falls back to the CDN)',
    { source: 'wechat' },
  ],
  ERR_FILE_NOT_FOUND: [-2303, 'PLAY_ERR_FILE_NOT_FOUND', '文件不存在 (file not found)', LITEAV],
  ERR_HEVC_DECODE_FAIL: [-2304, 'PLAY_ERR_HEVC_DECODE_FAIL', 'H265 解码失败 (HEVC decode failed)', LITEAV],
  ERR_HLS_KEY: [-2305, 'PLAY_ERR_HLS_KEY', 'HLS 解密 key 获取失败 (HLS key failed)', LITEAV],
  ERR_GET_PLAYINFO_FAIL: [-2306, 'PLAY_ERR_GET_PLAYINFO_FAIL', '获取点播文件信息失败 (VOD play info failed)', LITEAV],
  ERR_STREAM_SWITCH_FAIL: [-2307, 'PLAY_ERR_STREAM_SWITCH_FAIL', '切流失败 (stream switch failed)', LITEAV],
  ERR_STREAM_SERVER_REFUSED: [-2308, 'PLAY_ERR_STREAM_SERVER_REFUSED', '服务器拒绝拉流 (server refused the stream)', LITEAV],
} as const satisfies Record<string, Row>;
