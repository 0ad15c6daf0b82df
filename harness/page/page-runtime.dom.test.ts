import { join } from 'node:path';
import { PageRuntime } from './page-runtime';

const rootPath = join(__dirname, '__fixtures__');

describe('PageRuntime', () => {
  let rt: PageRuntime;
  const lifecycle: string[] = [];
  beforeEach(() => {
    lifecycle.length = 0;
    rt = new PageRuntime({ rootPath, hooks: { onLifecycle: (p, name) => lifecycle.push(`${p.route} ${name}`) } });
  });
  afterEach(() => rt.dispose());

  it('runs onLoad(query) → onShow → onReady, with the view attached only before onReady', async () => {
    const page = await rt.open('pages/a/a?x=1', { y: '2' });
    expect(page.instance.calls).toEqual(['onLoad {"x":"1","y":"2"}', 'onShow', 'onReady pages=1']);
    expect(page.instance.options).toEqual({ x: '1', y: '2' });
    expect(page.instance.route).toBe('pages/a/a');
    expect(rt.isViewReady(page.instance)).toBe(true);
  });

  it('calls the setData callback after data and WXML are updated', async () => {
    const page = await rt.open('pages/a/a');
    page.call('bump');
    expect(page.text('#count')).toBe('1');
    await new Promise((r) => setTimeout(r, 0));
    expect(page.data.afterSetData).toBe('count=1');
  });

  it('keeps getCurrentPages() in step with navigate, back and redirect, with onHide/onShow/onUnload', async () => {
    const a = await rt.open('pages/a/a');
    await rt.open('pages/b/b');
    expect(getCurrentPages().map((p) => p.route)).toEqual(['pages/a/a', 'pages/b/b']);
    await rt.back();
    expect(getCurrentPages().map((p) => p.route)).toEqual(['pages/a/a']);
    await rt.redirect('pages/b/b');
    expect(getCurrentPages().map((p) => p.route)).toEqual(['pages/b/b']);
    expect(lifecycle).toEqual([
      'pages/a/a onLoad',
      'pages/a/a onShow',
      'pages/a/a onReady',
      'pages/a/a onHide',
      'pages/b/b onLoad',
      'pages/b/b onShow',
      'pages/b/b onReady',
      'pages/b/b onUnload',
      'pages/a/a onShow',
      'pages/a/a onUnload',
      'pages/b/b onLoad',
      'pages/b/b onShow',
      'pages/b/b onReady',
    ]);
    expect(a.unloaded).toBe(true);
  });

  it('calls WXML handlers with the page as this, and keeps custom fields per instance', async () => {
    const page = await rt.open('pages/a/a');
    await page.tap('#hello');
    expect(page.data.greeting).toBe('this is the page');
    expect(page.instance.custom).toEqual({ n: 1 });
    expect(page.instance.launched).toBe(1);
  });

  it('hides and shows a page like the app going to the background and back', async () => {
    const page = await rt.open('pages/a/a');
    page.hide();
    page.show();
    expect((page.instance.calls as string[]).slice(-2)).toEqual(['onHide', 'onShow']);
  });

  it('says which files are missing, and that a page must call Page()', async () => {
    await expect(rt.open('pages/zzz/zzz')).rejects.toThrow(
      `[live-harness] Failed to load page "pages/zzz/zzz": ${rootPath}/pages/zzz/zzz.js, ${rootPath}/pages/zzz/zzz.json, ${rootPath}/pages/zzz/zzz.wxml not found under rootPath ${rootPath}. Check the route (as in app.json "pages") and the miniprogramRoot.`,
    );
    await expect(rt.open('pages/broken/broken')).rejects.toThrow(
      `[live-harness] Failed to load page "pages/broken/broken": ${rootPath}/pages/broken/broken.js never called Page({...}). A page file must call Page(); a component file belongs to loadComponent().`,
    );
  });
});
