// Real media for two minutes, disposed as it should be: the run is stopped from outside (Ctrl-C, SIGTERM …).
const path = require('path');
const { createRig } = require('live-harness');

test('the studio streams for two minutes', async () => {
  const rig = createRig({ media: 'local', miniprogramRoot: path.join(__dirname, '../../../fixtures/miniprogram') });
  try {
    await rig.loadPage('pages/studio/studio');
    await rig.advance('120s');
  } finally {
    await rig.dispose();
  }
}, 180_000);
