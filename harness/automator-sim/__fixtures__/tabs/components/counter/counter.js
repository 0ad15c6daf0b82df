Component({
  properties: { step: { type: Number, value: 1 } },
  data: { count: 0 },
  methods: {
    inc() {
      this.setData({ count: this.data.count + this.data.step });
      return this.data.count;
    },
  },
});
