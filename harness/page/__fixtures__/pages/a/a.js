const calls = [];
Page({
  data: { count: 0, greeting: 'hi', afterSetData: '' },
  custom: { n: 1 },
  onLoad(query) {
    calls.push(`onLoad ${JSON.stringify(query)}`);
    this.calls = calls;
    this.launched = getApp().globalData.launched;
  },
  onShow() {
    calls.push('onShow');
  },
  onReady() {
    calls.push(`onReady pages=${getCurrentPages().length}`);
  },
  onHide() {
    calls.push('onHide');
  },
  onUnload() {
    calls.push('onUnload');
  },
  bump() {
    this.setData({ count: this.data.count + 1 }, () => {
      // the view has the new value by the time the callback runs
      this.setData({ afterSetData: `count=${this.data.count}` });
    });
  },
  onHello() {
    this.setData({ greeting: this === getCurrentPages()[getCurrentPages().length - 1] ? 'this is the page' : 'wrong this' });
  },
});
