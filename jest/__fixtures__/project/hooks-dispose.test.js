// Rigs held by hooks, disposed by hooks: the preset has nothing to say.
const path = require('path');
const { createRig } = require('live-harness');

const miniprogramRoot = path.join(__dirname, '../../../fixtures/miniprogram');
let fileRig;
let testRig;

beforeAll(() => {
  fileRig = createRig({ seed: 1, miniprogramRoot });
});
afterAll(() => fileRig.dispose());
beforeEach(() => {
  testRig = createRig({ seed: 2, miniprogramRoot });
});
afterEach(() => testRig.dispose());

test('a rig from beforeEach, disposed in afterEach', async () => {
  const page = await testRig.loadPage('pages/push/push');
  await testRig.advance('3s');
  expect(page.data.status).toBe('pushing');
});

test('a rig from beforeAll, still open for the next test', async () => {
  expect(fileRig.isDisposed).toBe(false);
  await fileRig.loadPage('pages/push/push');
  await fileRig.advance('3s');
  expect(fileRig.timeline).toHaveSequence(['pusher#pusher 1002']);
});
