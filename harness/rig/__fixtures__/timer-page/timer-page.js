// A page with its own timers: a retry after 2 s and a clock that ticks every second.
Page({
  data: { src: 'http://1234.liveplay.myqcloud.com/live/t.flv', elapsed: 0, retried: false, startedAt: 0 },
  onLoad() {
    this.setData({ startedAt: Date.now() });
    this.timer = setInterval(() => this.setData({ elapsed: Math.round((Date.now() - this.data.startedAt) / 1000) }), 1000);
  },
  onState(e) {
    if (e.detail.code === -2301) {
      setTimeout(() => {
        this.setData({ retried: true });
        wx.createLivePlayerContext('v', this).play();
      }, 2000);
    }
  },
  onUnload() {
    clearInterval(this.timer);
  },
});
