/**
 * The examples of docs/steps.md and docs/page-api.md, run on the sample
 * mini-program: what the docs show is what the rig does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KINDS } from '../assert';
import { createRig } from './rig';

const root = join(__dirname, '../..');
const sample = join(root, 'fixtures/miniprogram');
const doc = (name: string) => readFileSync(join(root, 'docs', name), 'utf8');

describe('docs/steps.md', () => {
  it('holds on the push page losing its network', async () => {
    await using rig = createRig({ seed: 7, miniprogramRoot: sample });
    await rig.loadPage('pages/push/push');
    await rig.advance('5s');
    const cut = rig.mark('cut');
    rig.network.cut();
    await rig.advance('30s');
    expect(rig.timeline).toHaveSequence(['pusher#pusher 1102 within 1s', { code: -1307, within: '30s' }], { since: cut });
    expect(rig.timeline).toHaveCount('pusher#pusher 1102', { max: 10, since: cut });
    expect(rig.timeline).toNeverHave('player#* 2004', { since: cut });
    await rig.advance('10s');
    expect(rig.timeline).toHaveSequence([
      1002,
      'pusher#pusher 1102 within 6s',
      { code: -1307, within: '30s' },
      { source: 'pusher#pusher', kind: 'call', where: (d: { method: string }) => d.method === 'start', after: '1s' },
    ]);
    expect(rig.timeline).toHaveSequence([
      'network action',
      { source: 'page', kind: 'setData', where: (d: { status?: string }) => d.status === 'reconnecting' },
    ]);
    expect(() => expect(rig.timeline).toHaveSequence(['pusher#p 1002 witin 1s'])).toThrow(
      '[live-harness] Failed to parse sequence step "pusher#p 1002 witin 1s": "witin" is neither a source, a code, a kind nor within/after. Accepted forms:',
    );
    expect(() => expect(rig.timeline).toHaveSequence(['pusher#pusher 1002', 'pusher#pusher 1102 within 1s'])).toThrow(
      /2\. pusher#pusher 1102 within 1s\n\s+✗ not found after step 1 \(t=0\.411s\)\n\s+near miss: t=5\.017s pusher#pusher statechange 1102 PUSH_WARNING_RECONNECT — 4606ms after the previous step, 3606ms too late/,
    );
  });

  it('names every kind a step can have', () => {
    const text = doc('steps.md');
    expect(KINDS.filter((k) => !text.includes(`\`${k}\``))).toEqual([]);
  });
});

describe('docs/page-api.md', () => {
  it('holds on the studio page', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/studio/studio', { key: 'abc' });
    await rig.advance('3s');
    expect(page.text('#push-status')).toBe('pushing');
    await page.tap('button');
    expect(page.data.pushStatus).toBe('idle');
  });

  it('documents every public member of the page handle', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/push/push');
    const internal = new Set(['constructor', 'runLifecycle', 'unload']);
    const members = [...Object.keys(page), ...Object.getOwnPropertyNames(Object.getPrototypeOf(page))].filter(
      (m) => !internal.has(m) && !['comp', 'options', 'host'].includes(m),
    );
    expect(members.length).toBeGreaterThan(15);
    const text = doc('page-api.md');
    expect(members.filter((m) => !new RegExp(`\\| \`${m}(\\(|\`)`).test(text))).toEqual([]);
  });
});
