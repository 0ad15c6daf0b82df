import { join } from 'node:path';
import type { PusherModel } from '../../mocks/model';
import { createRig } from './rig';
import { VIRTUAL_EPOCH_MS } from './page-timers';

const sample = join(__dirname, '../../fixtures/miniprogram');
const local = join(__dirname, '__fixtures__');

async function story(seed: number | string) {
  const rig = createRig({ seed, miniprogramRoot: sample, network: '4g' });
  rig.streams.publish('live/demo');
  await rig.loadPage('pages/play/play');
  await rig.advance('10s');
  rig.network.stall(3000);
  await rig.advance('10s');
  rig.network.cut();
  await rig.advance('40s');
  const json = JSON.stringify(rig.timeline);
  const latency = rig.metrics['player#player'].latencyMs;
  await rig.dispose();
  return { json, latency };
}

describe('Rig', () => {
  it('gives a byte-identical timeline for the same seed', async () => {
    const a = await story(7);
    const b = await story(7);
    expect(a.json.length).toBeGreaterThan(10_000);
    expect(b.json).toBe(a.json);
  });

  it('varies with the seed, within the documented bounds', async () => {
    const runs = [];
    for (const s of [11, 12, 13]) runs.push(await story(s));
    expect(new Set(runs.map((r) => r.json)).size).toBe(3);
    for (const r of runs) {
      // live mode, min-cache 1 s / max-cache 3 s, 4g one-way delay
      expect(r.latency?.p50).toBeGreaterThanOrEqual(1000);
      expect(r.latency?.max).toBeLessThanOrEqual(3200);
    }
  });

  it('runs page timers and Date.now on the virtual clock', async () => {
    const rig = createRig({ miniprogramRoot: local });
    const page = await rig.loadPage('timer-page/timer-page');
    // The page's Date reads the virtual clock; the test's own Date stays real.
    expect(page.data.startedAt).toBe(VIRTUAL_EPOCH_MS);
    expect(Date.now()).not.toBe(VIRTUAL_EPOCH_MS);
    await rig.advance('5s');
    expect(page.data.elapsed).toBe(5);
    expect(page.text('#elapsed')).toBe('5');
    // Nobody publishes t.flv: three reconnects, -2301, then the page's own 2 s retry.
    await rig.advance('20s');
    expect(page.data.retried).toBe(true);
    expect(rig.timeline).toHaveSequence([
      'player#v -2301',
      { source: 'player#v', kind: 'call', where: (d: { method: string }) => d.method === 'play', after: '2s', within: '2.1s' },
    ]);
    await rig.dispose();
  });

  it('records lifecycle, setData, calls and events with their virtual time and source', async () => {
    const rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/push/push', { mode: 'HD' });
    await rig.advance('2s');
    expect(page.data.mode).toBe('HD');
    const kinds = new Set(rig.timeline.entries.map((e) => `${e.source} ${e.kind}`));
    for (const k of ['page lifecycle', 'page setData', 'pusher#pusher call', 'pusher#pusher statechange', 'pusher#pusher netstatus', 'server server'])
      expect(kinds).toContain(k);
    const onLoad = rig.timeline.entries.find((e) => e.kind === 'lifecycle' && (e.detail as { name: string }).name === 'onLoad');
    expect(onLoad?.detail).toEqual({ route: 'pages/push/push', name: 'onLoad', args: [{ mode: 'HD' }] });
    await rig.dispose();
  });

  it('unloads pages on dispose: onUnload runs and the context stops the pusher', async () => {
    const rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/push/push');
    await rig.advance('2s');
    await rig.dispose();
    const tail = rig.timeline.entries.slice(-4).map((e) => `${e.source} ${e.kind} ${JSON.stringify(e.detail)}`);
    expect(tail.join('\n')).toContain('page lifecycle {"route":"pages/push/push","name":"onUnload"}');
    expect(tail.join('\n')).toContain('pusher#pusher call {"method":"stop","args":{},"ok":true}');
    await expect(rig.advance('1s')).rejects.toThrow('[live-harness] Failed to use the rig: it was disposed. Create a new rig per test.');
  });

  it('says what is wrong with a page route that does not exist', async () => {
    const rig = createRig({ miniprogramRoot: sample });
    await expect(rig.loadPage('pages/nope/nope')).rejects.toThrow(
      /^\[live-harness\] Failed to load page "pages\/nope\/nope": .*pages\/nope\/nope\.js, .*pages\/nope\/nope\.json, .*pages\/nope\/nope\.wxml not found under rootPath .*fixtures\/miniprogram\. Check the route \(as in app\.json "pages"\) and the miniprogramRoot\.$/,
    );
    await rig.dispose();
  });

  it('lets two rigs live at once, each with its own pages, clock, contexts and timeline', async () => {
    await using anchor = createRig({ seed: 1, miniprogramRoot: sample });
    await using viewer = createRig({ seed: 2, miniprogramRoot: sample });
    // The newest rig holds the global wx; each rig's pages see their own.
    expect((globalThis as Record<string, unknown>).wx).toBe(viewer.wx);
    await anchor.loadPage('pages/push/push');
    await viewer.loadPage('pages/push/push');
    await anchor.advance('3s');
    expect(anchor.now()).toBe(3000);
    expect(viewer.now()).toBe(0);
    expect(anchor.timeline).toHaveSequence(['pusher#pusher 1002']);
    expect(viewer.timeline).toNeverHave('pusher#pusher 1002');
    await viewer.advance('3s');
    expect(viewer.timeline).toHaveSequence(['pusher#pusher 1002']);
    // A context of one rig controls its own element only.
    (anchor.wx.createLivePusherContext('pusher', anchor.currentPage?.instance as never) as { stop(): void }).stop();
    await anchor.advance(10);
    expect((anchor.model('pusher#pusher') as PusherModel).isPushing).toBe(false);
    expect((viewer.model('pusher#pusher') as PusherModel).isPushing).toBe(true);
    expect(anchor.timeline).toHaveSequence([{ source: 'pusher#pusher', kind: 'call', where: (d: { method: string }) => d.method === 'stop' }]);
    expect(viewer.timeline).toNeverHave({ source: 'pusher#pusher', kind: 'call', where: (d: { method: string }) => d.method === 'stop' });
    await viewer.dispose();
    expect((globalThis as Record<string, unknown>).wx).toBe(anchor.wx);
  });

  it('names the page instance in the source when the same page is open twice', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/push/push');
    await rig.loadPage('pages/push/push');
    await rig.advance('3s');
    const sources = new Set(rig.timeline.entries.filter((e) => e.kind === 'lifecycle' && e.source.startsWith('pusher#')).map((e) => e.source));
    expect([...sources]).toEqual(['pusher#pusher', 'pusher#pusher@pages/push/push#2']);
    expect(rig.model('pusher#pusher@pages/push/push#2')).toBeDefined();
  });

  it('matches sequences, counts and metrics from a mark on', async () => {
    await using rig = createRig({ seed: 4, miniprogramRoot: sample });
    await rig.streams.publish('live/demo');
    await rig.loadPage('pages/play/play');
    await rig.advance('8s');
    const before = rig.metrics['player#player'];
    const mark = rig.mark('cut');
    rig.network.cut();
    await rig.advance('30s');
    expect(mark.t).toBe(8000);
    // 2004 happened before the mark: from the mark on it is not there.
    expect(rig.timeline).toHaveSequence(['player#player 2004', 'player#player 2103']);
    expect(rig.timeline).toNeverHave('player#player 2004', { since: mark });
    // The first step's window is measured from the mark, not from t = 0.
    expect(rig.timeline).toHaveSequence([{ code: 2103, within: '5s' }, 'player#player -2301'], { since: mark });
    expect(rig.timeline).not.toHaveSequence([{ code: 2103, within: '5s' }]);
    expect(rig.timeline).toHaveCount('player#player 2103', { exactly: 3, since: mark });
    const after = rig.metricsSince(mark)['player#player'];
    expect(before.firstFrameMs).toBeGreaterThan(0);
    expect(after.firstFrameMs).toBeUndefined();
    expect(after.reconnects).toBe(3);
    expect(rig.metricsBetween({ until: mark })['player#player'].reconnects).toBe(0);
    // A mark cuts by what was recorded before it; a time in ms cuts by time (until is exclusive).
    expect(rig.metricsBetween({ until: mark })['player#player'].latencyMs?.samples).toBe(before.latencyMs?.samples);
    expect(rig.metricsBetween({ from: 0, until: 7999 })['player#player'].latencyMs?.samples).toBe((before.latencyMs?.samples ?? 0) - 1);
  });

  it('keeps mock warnings on the timeline, not on the console', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await using rig = createRig({ miniprogramRoot: sample });
      const page = await rig.loadPage('pages/push/push');
      await page.setData({ mode: 'ULTRA' });
      await rig.advance(10);
      expect(rig.warnings.length).toBeGreaterThan(0);
      expect(rig.warnings[0]).toMatch(/^pusher#pusher: \[live-harness\] <live-pusher id="pusher"> mode="ULTRA"/);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects an unknown clock and unknown model parameters by name', () => {
    expect(() => createRig({ clock: 'fast' as never })).toThrow(
      `[live-harness] Failed to create the rig: clock "fast" is not available. Use 'virtual' or 'real'.`,
    );
    expect(() => createRig({ clock: 'real' })).toThrow(
      "[live-harness] Failed to create the rig: the real clock comes with real media. Add media: 'local', or drop clock: 'real'.",
    );
    expect(() => createRig({ media: 'local', clock: 'virtual' })).toThrow(
      "[live-harness] Failed to create the rig: real media runs on the wall clock, not in virtual time. Drop clock: 'virtual', or drop media.",
    );
    expect(() => createRig({ media: 'remote' as never })).toThrow(
      `[live-harness] Failed to create the rig: media "remote" is not available. Use media: 'local' (or an options object).`,
    );
    // A profile on real media becomes toxics on the fault proxy; a name that is none is refused at once, as in virtual time.
    expect(() => createRig({ media: 'local', network: '3gg' })).toThrow(
      '[live-harness] Failed to load network profile: "3gg" is not a built-in profile. Use one of wifi, 4g, 3g, weak, loopback, or pass an object.',
    );
    expect(() => createRig({ media: { hosts: ['rtmp://x.com'] } })).toThrow(
      '[live-harness] Failed to read the host map: "rtmp://x.com" is not a host name or a "*.domain" pattern. Pass hosts such as "push.example.com" or "*.livepush.myqcloud.com" (no scheme, port or path).',
    );
    expect(() => createRig({ params: { reconectAttempts: 2 } as never })).toThrow(
      '[live-harness] Failed to configure the behaviour model: model parameter "reconectAttempts" is not a parameter.',
    );
  });
});
