/**
 * The surface issue 11 adds (item 6): enable-ear-monitor and debug, the
 * pusher's offscreen canvas, picture-in-picture on both tags with the page
 * lifecycle it implies, casting, and codes only a device sends, injected.
 */
import { join } from 'node:path';
import { createRig } from './rig';

const local = join(__dirname, '__fixtures__');
const sample = join(__dirname, '../../fixtures/miniprogram');

type Rig = ReturnType<typeof createRig>;
const warningsOf = (rig: Rig): string[] => rig.timeline.entries.filter((e) => e.kind === 'warning').map((e) => (e.detail as { message: string }).message);
const attrsOf = (rig: Rig, source: string): Record<string, unknown> => (rig.model(source) as unknown as { attrs: Record<string, unknown> }).attrs;
const lifecycles = (rig: Rig, route: string): string[] =>
  rig.timeline.entries
    .filter((e) => e.kind === 'lifecycle' && e.source === 'page' && (e.detail as { route: string }).route === route)
    .map((e) => (e.detail as { name: string }).name);

async function surface(rig: Rig) {
  rig.streams.publish('live/other');
  const page = await rig.loadPage('surface/surface');
  await rig.advance('3s');
  return page;
}

describe('surface of issue 11', () => {
  it('takes enable-ear-monitor and debug on the pusher and debug on the player without a warning (§1.1, §2.1 undocumented attributes)', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.3.0' } });
    await surface(rig);
    expect(attrsOf(rig, 'pusher#pusher')).toMatchObject({ enableEarMonitor: true, debug: true });
    expect(attrsOf(rig, 'player#player')).toMatchObject({ debug: true, enableCasting: true });
    expect(warningsOf(rig)).toEqual([]);
  });

  it('gives createOffscreenCanvas the push size, and says getContext() has no GPU here (§1.5 createOffscreenCanvas)', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.3.0' } });
    await surface(rig);
    const ctx = rig.wx.createLivePusherContext() as {
      createOffscreenCanvas(o: object): { width: number; height: number; type: string; getContext(t: string): unknown };
    };
    const canvas = ctx.createOffscreenCanvas({ type: '2d' });
    expect([canvas.type, canvas.width, canvas.height]).toEqual(['2d', 360, 640]);
    expect(canvas.getContext('2d')).toBeNull();
    expect(warningsOf(rig)).toEqual([
      "[live-harness] The offscreen canvas of pusher#pusher has no 2d context here: the harness has no camera texture and no GPU. Test custom rendering on a device; test the rest with the canvas's size (360×640).",
    ]);
  });

  it('moves a pushing pusher with picture-in-picture-mode "push" to the small window on navigateTo, and back out with exitPictureInPicture (§1.2)', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.3.0' } });
    const page = await surface(rig);
    await rig.loadPage('camera-check/camera-check');
    await rig.advance(10);
    expect(page.data.pip).toBe(1);
    // callable from any page (§1.5)
    (rig.wx.createLivePusherContext() as { exitPictureInPicture(o: object): void }).exitPictureInPicture({});
    await rig.advance(10);
    expect(page.data.pip).toBe(0);
    expect(rig.timeline).toHaveSequence(['pusher#pusher enterpictureinpicture', 'pusher#pusher leavepictureinpicture']);
    expect(lifecycles(rig, 'surface/surface')).toEqual(['onLoad', 'onShow', 'onReady', 'onHide']);
  });

  it('keeps a page popped into picture-in-picture alive in onHide, and unloads it when the window closes (§2 picture-in-picture)', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.3.0' } });
    await rig.loadPage('camera-check/camera-check');
    await surface(rig);
    await rig.back();
    await rig.advance('2s');
    expect(lifecycles(rig, 'surface/surface')).toEqual(['onLoad', 'onShow', 'onReady', 'onHide']);
    // The player plays on in the small window.
    expect((rig.model('player#player') as unknown as { state: { paused: boolean; phase: string; pip: boolean } }).state).toMatchObject({
      paused: false,
      phase: 'playing',
      pip: true,
    });
    rig.closePictureInPicture();
    await rig.advance(10);
    expect(lifecycles(rig, 'surface/surface')).toEqual(['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload']);
    expect(rig.timeline).toHaveSequence(['player#player enterpictureinpicture', 'player#player leavepictureinpicture', 'player#player lifecycle']);
  });

  // §1.5 onCustomRendererEvent: "event: 'frame'|'update' (later listener replaces earlier)"; "cb result typed {width, height} (push size)".
  it('sends each captured frame to onCustomRendererEvent with the push size when enableVideoCustomRender is set; a later listener replaces the earlier (§1.5)', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.3.0' } });
    await surface(rig);
    type Size = { width: number; height: number };
    const ctx = rig.wx.createLivePusherContext() as Record<string, (...a: unknown[]) => unknown>;
    const first: Size[] = [];
    const second: Size[] = [];
    ctx.onCustomRendererEvent('frame', (s: Size) => first.push(s));
    // The page pushes from its load on; frames have been flowing since the first one.
    await rig.advance('2s');
    const [width, height] = (rig.model('pusher#pusher') as unknown as { pushSize: [number, number] }).pushSize;
    // 15 fps for 2 s.
    expect(first.length).toBeGreaterThanOrEqual(28);
    expect(first.length).toBeLessThanOrEqual(31);
    expect(new Set(first.map((s) => `${s.width}x${s.height}`))).toEqual(new Set([`${width}x${height}`]));
    ctx.onCustomRendererEvent('frame', (s: Size) => second.push(s));
    const before = first.length;
    await rig.advance('1s');
    expect(first.length).toBe(before);
    expect(second.length).toBeGreaterThanOrEqual(14);
    ctx.offCustomRendererEvent('frame');
    const after = second.length;
    await rig.advance('1s');
    expect(second.length).toBe(after);
  });

  // §2.1 auto-pause-if-open-native (default true): "pause when opening a native WeChat page".
  it('pauses the player while rig.device.openNativePage() has a native page over the app, and plays on after closeNativePage()', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.3.0' } });
    await surface(rig);
    const video = (): number =>
      (rig.timeline.entries.filter((e) => e.source === 'player#player' && e.kind === 'netstatus').pop()?.detail as { info: { videoBitrate: number } }).info
        .videoBitrate;
    expect(video()).toBeGreaterThan(0);
    rig.device.openNativePage();
    await rig.advance('3s');
    expect(video()).toBe(0);
    rig.device.closeNativePage();
    await rig.advance('3s');
    expect(video()).toBeGreaterThan(0);
  });

  it('casts only from a tap, with castinguserselect, castingstatechange and an injected castinginterrupt (§2.2, §2.4)', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.3.0' } });
    const page = await surface(rig);
    page.call('castOutsideTap');
    await rig.advance(10);
    await page.tap('#cast');
    await rig.advance(10);
    rig.inject('player#player', 'castinginterrupt');
    await rig.advance(10);
    expect(page.data.cast).toEqual([
      'operateLivePlayer:fail startCasting can only be invoked by user TAP gesture.',
      'select success',
      'start success',
      'interrupted',
    ]);
  });

  it('injects codes only a device sends: binderror 10005/10012/10014, player 6003 to a PLAYER_WARNING handler (§1.3, §3.2 observed codes)', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.3.0' } });
    const page = await surface(rig);
    for (const code of [10005, 10012, 10014]) rig.inject('pusher#pusher', code);
    rig.inject('player#player', 6003);
    rig.inject('pusher#pusher', 2027);
    rig.inject('pusher#pusher', -1306);
    await rig.advance(10);
    expect(page.data.errors).toEqual([10005, 10012, 10014]);
    expect(page.data.warnings).toEqual([6003]);
    expect(rig.timeline).toHaveSequence([
      'pusher#pusher inject 10005',
      'pusher#pusher error 10005',
      'player#player statechange 6003',
      'pusher#pusher statechange 2027',
      'pusher#pusher -1306',
    ]);
    expect(() => rig.inject('player#player', 1234)).toThrow(
      "[live-harness] Failed to inject 1234 into player#player: 1234 is not a code of the player tables. Inject a code of the reference (docs: mocks/codes), or 'castinginterrupt'.",
    );
    expect(() => rig.inject('player#nobody', 6003)).toThrow(
      '[live-harness] Failed to inject 6003 into player#nobody: no such element is attached. Attached: pusher#pusher, player#player.',
    );
  });

  it('injects into a plugin page too: a live-room-play hears 6002 as a PlayEvent', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.streams.publish('live/plugin');
    await rig.loadPage('pages/live-room/live-room');
    await rig.advance('3s');
    rig.inject('player#live-room-play', 6002);
    await rig.advance(10);
    expect(rig.timeline).toHaveSequence(['live-room-play#viewer plugin-event 6002']);
  });
});
