const log = (name) => getApp().globalData.log.push('me.' + name);
Page({
  data: { title: 'me' },
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
