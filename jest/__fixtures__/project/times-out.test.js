// Real media in a test whose time runs out mid-stream: the preset must stop the rig.
const { writeFileSync } = require('fs');
const path = require('path');
const { createRig } = require('live-harness');

test('the studio streams for longer than the test may take', async () => {
  const rig = createRig({ media: 'local', miniprogramRoot: path.join(__dirname, '../../../fixtures/miniprogram') });
  const page = await rig.loadPage('pages/studio/studio');
  await rig.advanceUntil(() => page.data.pushStatus === 'pushing', '15s');
  if (process.env.LH_OPENED_FILE)
    writeFileSync(`${process.env.LH_OPENED_FILE}.times-out`, JSON.stringify({ opened: rig.opened, endpoints: rig.media.endpoints }));
  await rig.advance('60s');
  await rig.dispose();
}, 4000);
