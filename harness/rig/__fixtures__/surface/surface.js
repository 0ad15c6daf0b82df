// The surface issue 11 adds: ear monitor, debug, picture-in-picture, casting, and codes only a device sends.
Page({
  data: { errors: [], warnings: [], cast: [], pip: 0 },

  onReady() {
    this.pusher = wx.createLivePusherContext('pusher', this);
    this.player = wx.createLivePlayerContext('player', this);
    this.pusher.start();
  },

  onPushError(e) {
    this.setData({ errors: [...this.data.errors, e.detail.errCode] });
  },

  onPlayState(e) {
    // trtc-wx's rule: 6002–6005 are PLAYER_WARNINGs.
    if (e.detail.code >= 6002 && e.detail.code <= 6005) this.setData({ warnings: [...this.data.warnings, e.detail.code] });
  },

  onPip() {
    this.setData({ pip: this.data.pip + 1 });
  },

  onPipLeft() {
    this.setData({ pip: this.data.pip - 1 });
  },

  cast() {
    this.player.startCasting({ fail: (r) => this.setData({ cast: [...this.data.cast, r.errMsg] }) });
  },

  castOutsideTap() {
    this.player.startCasting({ fail: (r) => this.setData({ cast: [...this.data.cast, r.errMsg] }) });
  },

  onCastSelect(e) {
    this.setData({ cast: [...this.data.cast, `select ${e.detail.state}`] });
  },

  onCastState(e) {
    this.setData({ cast: [...this.data.cast, `${e.detail.type} ${e.detail.state}`] });
  },

  onCastInterrupt() {
    this.setData({ cast: [...this.data.cast, 'interrupted'] });
  },
});
