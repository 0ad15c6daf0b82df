/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client needs ws's Node build; jsdom's default conditions would give it the browser stub.
// automator-sim on real media with mock live tags and a clock 37 s ahead stands in for a phone.
import { join } from 'node:path';
import { AutomatorSim } from '../automator-sim';
import { defineScenario, runScenario } from '../runner';
import { device } from '.';

const ROOT = join(__dirname, '../../fixtures/miniprogram');

const pushOnThePhone = defineScenario({
  name: 'the phone pushes',
  description: 'The anchor page on a phone: its real pusher connects and pushes; the harness only listens.',
  needs: ['real-media', 'device'],
  setup: { page: 'pages/push/push' },
  duration: '4s',
  expect: {
    sequence: [
      { source: 'rig', kind: 'action', where: (d) => d.action === 'clock-offset' },
      { source: 'pusher#pusher', kind: 'call', where: (d) => d.method === 'start' && d.ok },
      'pusher#pusher 1001 within 5s',
      'pusher#pusher 1002 within 2s',
    ],
    never: [-1307],
    page: { data: { status: 'pushing' }, text: { '#status': 'pushing' } },
  },
});

describe('the device target, with automator-sim standing in for a phone', () => {
  it('runs a device scenario: the phone emits, the harness captures, and the expectations hold on the captured timeline', async () => {
    await using sim = await AutomatorSim.start({ miniprogramRoot: ROOT, clock: 'real-media', live: 'mock', clockSkewMs: 37_000 });
    const result = await runScenario(pushOnThePhone, {
      miniprogramRoot: ROOT,
      target: device({ wsEndpoint: sim.wsEndpoint }),
      capabilities: ['real-media', 'device'],
      media: 'local',
    });
    if (result.status !== 'passed') throw new Error(result.failures.join('\n\n'));
    expect(result.target).toBe('device');
    // The run judged what the phone reported: its statechanges, mapped onto the host clock.
    expect(result.timeline.filter((e) => e.kind === 'statechange').map((e) => e.code)).toEqual(expect.arrayContaining([1001, 1002]));
  }, 90_000);

  it('refuses what it cannot do on a phone with the reason, and reports a virtual-time scenario not applicable', async () => {
    const target = device({ wsEndpoint: 'ws://127.0.0.1:1' });
    const virtualOnly = defineScenario({
      name: 'virtual',
      description: 'Needs virtual time only.',
      setup: { page: 'pages/push/push' },
      duration: '1s',
      expect: { sequence: ['pusher#pusher 1002'] },
    });
    expect((await runScenario(virtualOnly, { miniprogramRoot: ROOT, target })).status).toBe('not-applicable');
    await expect(target.open({ clock: 'virtual-time', miniprogramRoot: ROOT })).rejects.toThrow(
      '[live-harness] Failed to open a device session: a phone runs on the wall clock (clock \'real-media\'), not "virtual-time".',
    );
  });
});
