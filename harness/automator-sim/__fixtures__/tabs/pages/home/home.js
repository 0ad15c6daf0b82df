const log = (name) => getApp().globalData.log.push('home.' + name);
Page({
  data: { title: 'home' },
  onLoad() {
    log('onLoad');
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
});
