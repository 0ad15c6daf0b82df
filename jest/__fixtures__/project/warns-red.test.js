// A failing test whose page provokes mock warnings: its warning is listed, once.
const path = require('path');
const { createRig } = require('live-harness');

test('the early page warns, and the test fails', async () => {
  const rig = createRig({ seed: 1, miniprogramRoot: path.join(__dirname, '../../../fixtures/miniprogram') });
  try {
    const page = await rig.loadPage('pages/early/early');
    expect(page.data.status).toBe('pushing');
  } finally {
    await rig.dispose();
  }
});
