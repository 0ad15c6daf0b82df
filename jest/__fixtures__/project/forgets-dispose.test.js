// Real media, and no dispose(): the preset must dispose the rig when the test ends.
const { writeFileSync } = require('fs');
const path = require('path');
const { createRig } = require('live-harness');

test('the studio goes live and the test forgets to dispose', async () => {
  const rig = createRig({ media: 'local', miniprogramRoot: path.join(__dirname, '../../../fixtures/miniprogram') });
  const page = await rig.loadPage('pages/studio/studio');
  await rig.advanceUntil(() => page.data.pushStatus === 'pushing', '15s');
  if (process.env.LH_OPENED_FILE)
    writeFileSync(`${process.env.LH_OPENED_FILE}.forgets`, JSON.stringify({ opened: rig.opened, endpoints: rig.media.endpoints }));
  expect(rig.timeline).toHaveSequence(['pusher#pusher 1002']);
});
