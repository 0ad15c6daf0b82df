/** live-pusher `binderror` errCodes (reference §1.3). */
export const PUSHER_ERROR_ROWS = {
  CAMERA_DENIED: [10001, 'ERR_CAMERA_DENIED', '用户禁止使用摄像头 (camera permission denied)', 'Not allowed to use camera.'],
  MIC_DENIED: [10002, 'ERR_MIC_DENIED', '用户禁止使用录音 (record permission denied)', 'Not allowed to use microphone.'],
  // errMsg texts for 10003/10004 are ours: no source quotes them.
  BGM_LOAD_FAIL: [10003, 'ERR_BGM_LOAD_FAIL', '背景音资源（BGM）加载失败 (BGM failed to load)', 'BGM resource load failed.'],
  WAITING_IMAGE_LOAD_FAIL: [
    10004,
    'ERR_WAITING_IMAGE_LOAD_FAIL',
    '等待画面资源（waiting-image）加载失败 (waiting image failed to load)',
    'waiting-image resource load failed.',
  ],
  // Observed on WeChat Android 7.0.21 (community report, §1.3); meaning and errMsg UNCONFIRMED. The model never
  // produces them by itself: a test injects them (rig.inject('pusher#p', 10005)).
  OBSERVED_10005: [10005, 'ERR_OBSERVED_10005', '未公开 (undocumented, observed on WeChat Android 7.0.21)', 'undocumented error 10005'],
  OBSERVED_10012: [10012, 'ERR_OBSERVED_10012', '未公开 (undocumented, observed on WeChat Android 7.0.21)', 'undocumented error 10012'],
  OBSERVED_10014: [10014, 'ERR_OBSERVED_10014', '未公开 (undocumented, observed on WeChat Android 7.0.21)', 'undocumented error 10014'],
} as const;
