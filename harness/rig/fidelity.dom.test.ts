/**
 * Fidelity defects of issue 11 (item 5) that need pages: each test cites the
 * line of ../shared/spec/components.md (or design.md) it follows, and failed
 * before its fix.
 */
import { join } from 'node:path';
import { createRig } from './rig';

const sample = join(__dirname, '../../fixtures/miniprogram');
const local = join(__dirname, '__fixtures__');

const warningsOf = (rig: ReturnType<typeof createRig>): string[] =>
  rig.timeline.entries.filter((e) => e.kind === 'warning').map((e) => (e.detail as { message: string }).message);

describe('rig fidelity (issue 11)', () => {
  it('warns about a second pusher on one page (components.md Q8: one live-pusher per page)', async () => {
    await using rig = createRig({ miniprogramRoot: local });
    await rig.loadPage('odd-pushers/odd-pushers');
    expect(warningsOf(rig)).toContain(
      '[live-harness] <live-pusher id="extra"> is a second pusher on odd-pushers/odd-pushers#1: pusher#main is already there. WeChat supports one <live-pusher> per page and its context binds to that one; remove one of them (wx:if does not make room for two). See docs/quirks.md#q8.',
    );
  });

  it('reports max-bitrate="abc" in WXML as not a number, with no min/max conflict (components.md §1.1 max-bitrate: number)', async () => {
    await using rig = createRig({ miniprogramRoot: local });
    await rig.loadPage('odd-pushers/odd-pushers');
    const w = warningsOf(rig);
    expect(w).toContain('[live-harness] <live-pusher id="main"> max-bitrate="abc" is not a number. The component uses the default 1000.');
    expect(w.filter((m) => m.includes('is above max-bitrate'))).toEqual([]);
  });

  it('keeps RTC pull playing while another page covers it; live mode pauses (components.md Q10, §2.1 auto-pause-if-navigate)', async () => {
    for (const [mode, paused] of [
      ['RTC', false],
      ['live', true],
    ] as const) {
      await using rig = createRig({ miniprogramRoot: sample });
      rig.streams.publish('live/demo');
      await rig.loadPage('pages/play/play', { src: encodeURIComponent('rtmp://1234.liveplay.myqcloud.com/live/demo?txSecret=a&txTime=b'), mode });
      await rig.advance('3s');
      await rig.loadPage('pages/early/early');
      await rig.advance('3s');
      const state = (rig.model('player#player') as { state: { paused: boolean; phase: string } }).state;
      expect({ mode, paused: state.paused }).toEqual({ mode, paused });
    }
  });

  it('fires onHide when the app goes to the background and onShow when it returns (components.md Q9)', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/push/push');
    await rig.advance('2s');
    const mark = rig.mark();
    rig.device.background();
    await rig.advance('1s');
    rig.device.foreground();
    await rig.advance('1s');
    expect(rig.timeline).toHaveSequence(
      [
        { source: 'device', kind: 'action', where: (d: { action: string }) => d.action === 'background' },
        { source: 'page', kind: 'lifecycle', where: (d: { name: string }) => d.name === 'onHide' },
        { source: 'device', kind: 'action', where: (d: { action: string }) => d.action === 'foreground' },
        { source: 'page', kind: 'lifecycle', where: (d: { name: string }) => d.name === 'onShow' },
      ],
      { since: mark },
    );
  });

  it('fails a host outside the host map as DNS does in virtual time too, and says how to add it (design.md: "Unknown hosts fail like DNS does (3001)")', async () => {
    await using rig = createRig({ miniprogramRoot: sample, params: { reconnectIntervalMs: 500 } });
    await rig.loadPage('pages/push/push', { url: encodeURIComponent('rtmp://push.unknown-cdn.example/live/demo?txSecret=abc') });
    await rig.advance('4s');
    expect(rig.timeline).toHaveSequence([
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher 1102',
      'pusher#pusher 3001',
      'pusher#pusher -1307',
    ]);
    expect(rig.timeline.entries.filter((e) => e.code === 1001 || e.kind === 'server')).toEqual([]);
    expect(warningsOf(rig)).toContain(
      `[live-harness] Failed to connect to push.unknown-cdn.example: the host is outside the rig's host map (*.livepush.myqcloud.com, *.liveplay.myqcloud.com, localhost, 127.0.0.1), so it fails as a DNS lookup does (3001) and nothing reaches the server. Add it: createRig({ hosts: ["*.livepush.myqcloud.com", "*.liveplay.myqcloud.com", "localhost", "127.0.0.1", "push.unknown-cdn.example"] }), or use a URL on a mapped host.`,
    );
  });

  it('reaches a host the rig adds to its host map', async () => {
    await using rig = createRig({ miniprogramRoot: sample, hosts: ['push.unknown-cdn.example'] });
    await rig.loadPage('pages/push/push', { url: encodeURIComponent('rtmp://push.unknown-cdn.example/live/demo?txSecret=abc') });
    await rig.advance('3s');
    expect(rig.timeline).toHaveSequence(['pusher#pusher 1001', 'pusher#pusher 1002']);
  });
});
