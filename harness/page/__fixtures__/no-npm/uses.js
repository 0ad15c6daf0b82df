/* global report */
report(require('trtc-wx-sdk'));
