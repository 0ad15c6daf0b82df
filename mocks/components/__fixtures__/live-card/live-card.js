// A custom component wrapping a player, as wrappers over live-player do.
Component({
  properties: { src: { type: String, value: '' } },
  data: { state: 'idle', full: false, pip: false },
  lifetimes: {
    ready() {
      this.ctx = wx.createLivePlayerContext('card', this);
    },
  },
  methods: {
    onState(e) {
      this.setData({ state: String(e.detail.code) });
    },
    onFull(e) {
      this.setData({ full: e.detail.fullScreen });
    },
    onPip() {
      this.setData({ pip: true });
    },
  },
});
