/**
 * The wrong environment: the harness needs jsdom.
 * @jest-environment node
 */
const path = require('path');
const { createRig } = require('live-harness');

test('a rig in the node environment', async () => {
  const rig = createRig({ seed: 1, miniprogramRoot: path.join(__dirname, '../../../fixtures/miniprogram') });
  await rig.loadPage('pages/push/push');
  await rig.dispose();
});
