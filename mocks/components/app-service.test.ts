import { resolveClient } from '../model';
import { AppService, type AppServiceHost } from './app-service';
import type { RecordedEvent } from './runtime';

/** A host whose clock runs only when told. */
function host(platform: 'ios' | 'android' = 'ios'): AppServiceHost & { recorded: RecordedEvent[]; run(ms: number): void } {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const recorded: RecordedEvent[] = [];
  return {
    client: resolveClient({ platform }),
    recorded,
    later: (ms, fn) => void timers.push({ at: now + ms, fn }),
    record: (e) => void recorded.push(e),
    run(ms) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now).sort((a, b) => a.at - b.at)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    },
  };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('AppService', () => {
  it("fails a request to a host the phone cannot reach, later, with the platform's lookup error, and records it", async () => {
    for (const [platform, errMsg] of [
      ['android', 'request:fail -105:net::ERR_NAME_NOT_RESOLVED'],
      ['ios', 'request:fail A server with the specified hostname could not be found.'],
    ] as const) {
      const h = host(platform);
      const app = new AppService(h);
      const seen: string[] = [];
      const wx = app.wx as unknown as { request(o: Record<string, unknown>): unknown };
      wx.request({
        url: 'https://yun.tim.qq.com/v5/AVQualityReportSvc/C2S?sdkappid=1',
        method: 'POST',
        success: () => seen.push('success'),
        fail: (r: { errMsg: string }) => seen.push(r.errMsg),
        complete: () => seen.push('complete'),
      });
      expect(seen).toEqual([]);
      h.run(100);
      expect(seen).toEqual([errMsg, 'complete']);
      expect(h.recorded).toEqual([
        {
          source: 'wx',
          kind: 'call',
          detail: { method: 'request', args: { url: 'https://yun.tim.qq.com/v5/AVQualityReportSvc/C2S?sdkappid=1', method: 'POST' }, ok: false, errMsg },
        },
      ]);
    }
  });

  it('answers a request the test answers, by URL prefix, the newest answer first', () => {
    const h = host();
    const app = new AppService(h);
    app.answer('https://api.example.com/', { data: { old: true } });
    app.answer('https://api.example.com/sig', { statusCode: 200, data: { userSig: 'x' }, afterMs: 80 });
    const got: unknown[] = [];
    const wx = app.wx as unknown as { request(o: Record<string, unknown>): unknown };
    wx.request({ url: 'https://api.example.com/sig?u=1', success: (r: unknown) => got.push(r) });
    h.run(79);
    expect(got).toEqual([]);
    h.run(1);
    expect(got).toEqual([{ errMsg: 'request:ok', statusCode: 200, data: { userSig: 'x' }, header: {}, cookies: [] }]);
  });

  it('keeps storage per app: a missing key reads as "" or fails with data not found, as the client answers', async () => {
    const app = new AppService(host());
    const wx = app.wx as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(wx.getStorageSync('TUIScene')).toBe('');
    const answers: unknown[] = [];
    wx.getStorage({ key: 'TUIScene', success: (r: unknown) => answers.push(r), fail: (r: unknown) => answers.push(r) });
    await flush();
    expect(answers).toEqual([{ errMsg: 'getStorage:fail data not found' }]);
    wx.setStorageSync('TUIScene', 'TUIRoom');
    expect(wx.getStorageSync('TUIScene')).toBe('TUIRoom');
    wx.getStorage({ key: 'TUIScene', success: (r: unknown) => answers.push(r) });
    await flush();
    expect(answers[1]).toEqual({ errMsg: 'getStorage:ok', data: 'TUIRoom' });
    // A second app (another rig) has its own storage.
    expect((new AppService(host()).wx as unknown as Record<string, (k: string) => unknown>).getStorageSync('TUIScene')).toBe('');
  });

  it("gives the client profile's platform and base library as system info", async () => {
    const app = new AppService(host('android'));
    const wx = app.wx as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(wx.getSystemInfoSync()).toMatchObject({ platform: 'android', SDKVersion: '3.5.0' });
    const got: unknown[] = [];
    wx.getSystemInfo({ success: (r: unknown) => got.push(r) });
    await flush();
    expect(got[0]).toMatchObject({ errMsg: 'getSystemInfo:ok', platform: 'android' });
  });
});
