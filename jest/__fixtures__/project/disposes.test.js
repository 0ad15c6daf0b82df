// Real media done right, for longer than jest's 5 s default timeout: the preset's default covers it.
const { writeFileSync } = require('fs');
const path = require('path');
const { createRig } = require('live-harness');

test('the studio streams for 6 s with no timeout of its own', async () => {
  const rig = createRig({ media: 'local', miniprogramRoot: path.join(__dirname, '../../../fixtures/miniprogram') });
  try {
    const page = await rig.loadPage('pages/studio/studio');
    await rig.advanceUntil(() => page.data.playStatus === 'playing', '15s');
    if (process.env.LH_OPENED_FILE)
      writeFileSync(`${process.env.LH_OPENED_FILE}.disposes`, JSON.stringify({ opened: rig.opened, endpoints: rig.media.endpoints }));
    await rig.advance('6s');
    expect(rig.timeline).toHaveSequence(['pusher#pusher 1002', 'player#monitor 2004']);
  } finally {
    await rig.dispose();
  }
});
