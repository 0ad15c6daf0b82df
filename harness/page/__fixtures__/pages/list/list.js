Page({
  data: {
    state: 'idle',
    picked: null,
    items: [
      { id: 1, name: 'Anchor one' },
      { id: 2, name: 'Anchor two' },
      { id: 3, name: 'Anchor three' },
    ],
  },
  onGo() {
    this.setData({ state: 'live' });
  },
  onPick(e) {
    this.setData({ picked: e.currentTarget.dataset.id });
  },
});
