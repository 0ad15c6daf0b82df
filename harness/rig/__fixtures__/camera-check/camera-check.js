// The permission flow pages write from the docs: read the settings, ask for the
// scope the first time, send the user to the settings page once refused.
Page({
  data: { camera: 'unknown', settings: null, opened: null },

  async onLoad() {
    const { authSetting } = await wx.getSetting();
    this.setData({ settings: authSetting });
  },

  askCamera() {
    wx.authorize({
      scope: 'scope.camera',
      success: () => this.setData({ camera: 'granted' }),
      fail: (res) => this.setData({ camera: res.errMsg }),
    });
  },

  openSettings() {
    wx.openSetting({
      success: (res) => this.setData({ opened: res.authSetting }),
      fail: (res) => this.setData({ opened: res.errMsg }),
    });
  },
});
