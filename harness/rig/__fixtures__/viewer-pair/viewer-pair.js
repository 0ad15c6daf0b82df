// Two identical HTTP-FLV viewers of one stream, started together: they join
// at the same point of the GOP, so any difference between them is the path.
Page({
  data: { src: 'http://1234.liveplay.myqcloud.com/live/pair.flv' },
});
