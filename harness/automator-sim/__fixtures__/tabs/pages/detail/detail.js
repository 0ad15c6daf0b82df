/* global onDetailEvent */ // exposed by the test through App.addBinding
const log = (name) => getApp().globalData.log.push('detail.' + name);
Page({
  data: { items: [{ name: 'a' }, { name: 'b' }], clicks: 0, info: null },
  onLoad(query) {
    log('onLoad');
    this.setData({ query });
  },
  onShow() {
    log('onShow');
  },
  onHide() {
    log('onHide');
  },
  onUnload() {
    log('onUnload');
  },
  onTapGo() {
    this.setData({ clicks: this.data.clicks + 1 });
  },
  add(a, b) {
    return a + b;
  },
  async later(v) {
    return { v };
  },
  readInfo() {
    const info = wx.getSystemInfoSync();
    this.setData({ info });
    return info;
  },
  say(text) {
    console.warn('detail says', text);
  },
  report(v) {
    onDetailEvent(v, this.data.clicks);
  },
  onBoom() {
    throw new Error('boom in a handler');
  },
  boomLater() {
    setTimeout(() => {
      throw new Error('boom in a timer');
    }, 1000);
  },
  goMe() {
    // Page code navigates with the same wx the protocol reaches; the promise form answers too.
    return wx.switchTab({ url: '/pages/me/me' }).then((res) => res.errMsg);
  },
  goNowhere() {
    return new Promise((resolve) => wx.navigateTo({ url: 'nowhere/nowhere', fail: (e) => resolve(e.errMsg) }));
  },
  today() {
    return new Date().getTime();
  },
});
