import { join } from 'node:path';
import type { TimelineEntry } from '../record';
import { createRig, type Rig } from '../rig';
import { installLiveHarness, type DomainHandler, type LiveHarnessState } from './live-harness-domain';

const sample = join(__dirname, '../../fixtures/miniprogram');

/** The domain over a real rig, with its events kept in the order they were emitted, as a socket would carry them. */
function host(rig: Rig) {
  const frames: { method: string; params: Record<string, unknown> }[] = [];
  let handlers: Record<string, DomainHandler> = {};
  const domain = installLiveHarness({
    rig,
    emit: (method, params) => frames.push({ method, params }),
    registerDomain: (name, h) => {
      expect(name).toBe('LiveHarness');
      handlers = h;
    },
  });
  const call = async (method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> => {
    const result = await handlers[method](params);
    frames.push({ method: `reply:${method}`, params: result as Record<string, unknown> });
    return result as Record<string, unknown>;
  };
  return { frames, call, domain };
}

describe('the LiveHarness domain', () => {
  it('pushes every entry as it is recorded, so each reply follows the entries recorded while its request ran', async () => {
    const rig = createRig({ miniprogramRoot: sample });
    const { frames, call, domain } = host(rig);
    await rig.loadPage('pages/push/push');
    const enabled = await call('enable');
    const mirror = [...(enabled.entries as TimelineEntry[])];
    expect(mirror.length).toBeGreaterThan(0);
    expect(enabled.clock).toBe('virtual-time');
    await call('advance', { ms: '5s' });
    const replyAt = frames.findIndex((f) => f.method === 'reply:advance');
    const pushed = frames.slice(0, replyAt).filter((f) => f.method === 'LiveHarness.entryAdded');
    expect(pushed.length).toBeGreaterThan(0);
    pushed.forEach((f, i) => expect(f.params.index).toBe(mirror.length + i));
    mirror.push(...pushed.map((f) => f.params.entry as TimelineEntry));
    expect(mirror).toEqual(rig.timeline.toJSON());
    expect(frames[replyAt].params.nowMs).toBe(5000);
    const state = (await call('sync')) as unknown as LiveHarnessState;
    expect(state.length).toBe(mirror.length);
    expect(Object.keys(state.metrics)).toContain('pusher#pusher');
    const tail = await call('getTimeline', { from: 3 });
    expect(tail.entries).toEqual(rig.timeline.toJSON().slice(3));
    domain.dispose();
    await rig.dispose();
  });

  it('applies faults of the vocabulary and refuses a misspelt one with a "Did you mean"', async () => {
    const rig = createRig({ miniprogramRoot: sample });
    const { call } = host(rig);
    await rig.loadPage('pages/push/push');
    await call('advance', { ms: 3000 });
    const mark = (await call('mark', { label: 'cut' })).mark as { index: number; t: number; label: string };
    expect(mark).toEqual({ index: rig.timeline.length, t: 3000, label: 'cut' });
    await call('applyFault', { fault: { fault: 'cut', forMs: 2000 } });
    await call('advance', { ms: '10s' });
    expect(rig.timeline.since(mark)).toHaveSequence(['network action', 'pusher#pusher 3005', 'pusher#pusher 1002']);
    await expect(call('applyFault', { fault: { fault: 'stal', forMs: 1000 } })).rejects.toThrow(/Failed to apply fault .*Did you mean "stall"\?/);
    await expect(call('applyFault', { fault: { fault: 'stall', forMS: 1000 } })).rejects.toThrow(/Did you mean "forMs"\?/);
    const since = (await call('getMetrics', { from: mark })).metrics as Record<string, { reconnects: number }>;
    expect(since['pusher#pusher'].reconnects).toBeGreaterThanOrEqual(1);
    const before = (await call('getMetrics', { until: mark })).metrics as Record<string, { reconnects: number }>;
    expect(before['pusher#pusher'].reconnects).toBe(0);
    await rig.dispose();
  });

  it('drives the device, the page and live contexts, and names what it does not know', async () => {
    const rig = createRig({ miniprogramRoot: sample });
    const { call } = host(rig);
    const page = await rig.loadPage('pages/push/push');
    await call('advance', { ms: 2000 });
    const hiddenAt = rig.mark();
    await call('page', { action: 'hide' });
    expect((await call('device', { action: 'background' })).inBackground).toBe(true);
    await call('advance', { ms: 2000 });
    await call('device', { action: 'foreground' });
    await call('page', { action: 'show' });
    expect(rig.timeline).toHaveSequence(['page lifecycle', 'device action', 'pusher#pusher 5000', 'device action', 'page lifecycle'], { since: hiddenAt });
    await expect(call('device', { action: 'backgrund' })).rejects.toThrow(
      /LiveHarness\.device: action "backgrund" is not one of .*Did you mean "background"\?/,
    );
    await expect(call('device', { action: 'deny', permission: 'camra' })).rejects.toThrow(/Did you mean "camera"\?/);
    await expect(call('device', { action: 'fault', fault: 'camera-open-fial' })).rejects.toThrow(
      /fault "camera-open-fial" is not one of .*Did you mean "camera-open-fail"\?/,
    );
    await call('callContext', { source: 'pusher#pusher', method: 'stop' });
    expect(rig.timeline).toHaveSequence([{ source: 'pusher#pusher', kind: 'call', where: (d: { method: string }) => d.method === 'stop' }]);
    await expect(call('callContext', { source: 'pusher', method: 'stop' })).rejects.toThrow(/is not pusher#<id> or player#<id>/);
    await expect(call('advance', { ms: 'soon' })).rejects.toThrow(/LiveHarness\.advance: ms "soon" is not a duration/);
    const info = await call('getMediaInfo');
    expect(info).toMatchObject({ clock: 'virtual-time', realMedia: false });
    expect(page.route).toBe('pages/push/push');
    await rig.dispose();
  });
});
