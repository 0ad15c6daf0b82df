// The same as streams-long.test.js, so that two workers stream when the run is stopped.
const path = require('path');
const { createRig } = require('live-harness');

test('a second studio streams for two minutes, in another worker', async () => {
  const rig = createRig({ media: 'local', miniprogramRoot: path.join(__dirname, '../../../fixtures/miniprogram') });
  try {
    await rig.loadPage('pages/studio/studio');
    await rig.advance('120s');
  } finally {
    await rig.dispose();
  }
}, 180_000);
