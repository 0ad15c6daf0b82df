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

describe('PageRuntime and app.json', () => {
  // The WeChat client opens only routes app.json lists: navigateTo to any other fails with
  // `navigateTo:fail page "…" is not found`, and DevTools will not compile a launch path outside the list.
  it('refuses a page that exists but is not listed in app.json "pages"', async () => {
    const rt = new PageRuntime({ rootPath });
    try {
      await expect(rt.open('pages/unlisted/unlisted')).rejects.toThrow(
        '[live-harness] Failed to load page "pages/unlisted/unlisted": it is not listed in app.json "pages". Add it there (the WeChat client refuses routes it does not list).',
      );
      expect(rt.pages).toEqual([]);
    } finally {
      rt.dispose();
    }
  });

  it('opens the pages of a subpackage under its root', async () => {
    const rt = new PageRuntime({ rootPath });
    try {
      const page = await rt.open('sub/pages/deep/deep');
      expect(page.text('#where')).toBe('sub/pages/deep/deep');
    } finally {
      rt.dispose();
    }
  });

  it('says where app.json should be when the root has none', async () => {
    const root = join(rootPath, 'without-app-json');
    const rt = new PageRuntime({ rootPath: root });
    try {
      await expect(rt.open('pages/p/p')).rejects.toThrow(
        `[live-harness] Failed to load page "pages/p/p": ${root}/app.json not found. Point miniprogramRoot at the folder that holds app.json (the WeChat client does not start without it).`,
      );
    } finally {
      rt.dispose();
    }
  });

  it('loads a component on its own without consulting app.json', async () => {
    const rt = new PageRuntime({ rootPath: join(rootPath, 'without-app-json') });
    try {
      const badge = await rt.component('components/badge/badge', { label: 'alone' });
      expect(badge.text('.label')).toBe('alone');
    } finally {
      rt.dispose();
    }
  });
});

describe('two mini-programs in one process', () => {
  it("render each its own templates, before and after the other's were compiled", async () => {
    // Two roots whose files the template compiler numbers alike ($gwx_1, $gwx_2 …) with different templates.
    const first = new PageRuntime({ rootPath: join(__dirname, '../automator-sim/__fixtures__/tabs') });
    const second = new PageRuntime({ rootPath: join(__dirname, '../../fixtures/miniprogram') });
    try {
      const home = await first.open('pages/home/home');
      await first.open('pages/me/me');
      await second.open('pages/push/push');
      const play = await second.open('pages/play/play');
      expect(play.text('#status')).toBe('idle');
      await play.setData({ status: 'playing' });
      expect(play.text('#status')).toBe('playing');
      // And the first root's pages still re-render from their own.
      await home.setData({ title: 'again' });
      expect(home.text('#title')).toBe('again');
    } finally {
      second.dispose();
      first.dispose();
    }
  });
});

describe('tab pages and the other routes of navigation', () => {
  const tabsRoot = join(__dirname, '../automator-sim/__fixtures__/tabs');

  it('keeps a tab page alive across switchTab, unloads the rest, and unloads kept tabs on dispose', async () => {
    const seen: string[] = [];
    const rt = new PageRuntime({ rootPath: tabsRoot, hooks: { onLifecycle: (p, name) => seen.push(`${p.route.split('/')[1]}.${name}`) } });
    try {
      expect([...rt.tabRoutes]).toEqual(['pages/home/home', 'pages/me/me']);
      const home = await rt.open('pages/home/home');
      await rt.open('pages/detail/detail');
      await rt.switchTab('pages/me/me');
      expect(rt.pages.map((p) => p.route)).toEqual(['pages/me/me']);
      expect(home.unloaded).toBe(false);
      expect(await rt.switchTab('pages/home/home')).toBe(home);
      await expect(rt.switchTab('pages/detail/detail')).rejects.toThrow(
        '[live-harness] Failed to switch to tab "pages/detail/detail": it is not in app.json "tabBar" "list" (tabs: pages/home/home, pages/me/me).',
      );
      seen.length = 0;
      rt.dispose();
      expect(seen).toEqual(['home.onUnload', 'me.onUnload']);
    } finally {
      rt.dispose();
    }
  });

  it('goes back several pages at once, showing only the one it lands on', async () => {
    const seen: string[] = [];
    const rt = new PageRuntime({ rootPath: tabsRoot, hooks: { onLifecycle: (p, name) => seen.push(`${p.label}.${name}`) } });
    try {
      await rt.open('pages/home/home');
      await rt.open('pages/detail/detail');
      await rt.open('pages/detail/detail');
      seen.length = 0;
      await rt.back(2);
      expect(seen).toEqual(['pages/detail/detail#2.onUnload', 'pages/detail/detail#1.onUnload', 'pages/home/home#1.onShow']);
      await rt.reLaunch('pages/detail/detail');
      expect(rt.pages.map((p) => p.label)).toEqual(['pages/detail/detail#3']);
    } finally {
      rt.dispose();
    }
  });
});
