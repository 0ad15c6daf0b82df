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
  today() {
    return new Date().getTime();
  },
});
