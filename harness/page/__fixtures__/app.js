App({
  globalData: { launched: 0 },
  onLaunch() {
    this.globalData.launched += 1;
  },
});
