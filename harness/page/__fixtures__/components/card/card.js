Component({
  properties: { title: { type: String, value: '' } },
});
