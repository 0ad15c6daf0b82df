// A passing test whose page provokes a mock warning: a green run stays quiet.
const path = require('path');
const { createRig } = require('live-harness');

test('the early page warns, and the test passes', async () => {
  const rig = createRig({ seed: 1, miniprogramRoot: path.join(__dirname, '../../../fixtures/miniprogram') });
  try {
    const page = await rig.loadPage('pages/early/early');
    expect(page.data.startError).toMatch(/^operateLivePusher:fail /);
    expect(rig.warnings).toHaveLength(1);
  } finally {
    await rig.dispose();
  }
});
