import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { BrowserNotFoundError, findBrowser } from './find-browser';

let root: string;

/** An executable file standing in for a browser (findBrowser only looks; it launches nothing). */
function fakeBrowser(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, '#!/bin/sh\necho Chromium 1.2.3\n');
  chmodSync(p, 0o755);
  return p;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'live-harness-find-browser-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findBrowser', () => {
  it('takes LIVE_HARNESS_CHROMIUM before playwright and PATH', () => {
    const envPath = fakeBrowser(join(root, 'env'), 'my-chrome');
    const own = fakeBrowser(join(root, 'pw'), 'chrome');
    fakeBrowser(join(root, 'bin'), 'chromium');
    expect(findBrowser({ env: { LIVE_HARNESS_CHROMIUM: envPath, PATH: join(root, 'bin') }, playwrightPath: own })).toEqual({
      executablePath: envPath,
      source: 'env',
    });
  });

  it('names LIVE_HARNESS_CHROMIUM when it points at nothing, rather than launching another browser', () => {
    fakeBrowser(join(root, 'bin'), 'chromium');
    const missing = join(root, 'nope', 'chrome');
    expect(() => findBrowser({ env: { LIVE_HARNESS_CHROMIUM: missing, PATH: join(root, 'bin') }, playwrightPath: undefined })).toThrow(
      `LIVE_HARNESS_CHROMIUM=${missing} is not an executable file`,
    );
  });

  it("takes playwright's own browser before PATH when its executable exists", () => {
    const own = fakeBrowser(join(root, 'pw'), 'chrome');
    fakeBrowser(join(root, 'bin'), 'chromium');
    expect(findBrowser({ env: { PATH: join(root, 'bin') }, playwrightPath: own })).toEqual({ executablePath: own, source: 'playwright' });
  });

  it("passes over playwright's path when nothing was installed there", () => {
    const onPath = fakeBrowser(join(root, 'bin'), 'chromium-headless-shell');
    expect(findBrowser({ env: { PATH: join(root, 'bin') }, playwrightPath: join(root, 'pw', 'chrome') })).toEqual({
      executablePath: onPath,
      source: 'path',
    });
  });

  it('prefers chromium to the other names on PATH, whichever directory comes first', () => {
    fakeBrowser(join(root, 'a'), 'google-chrome');
    fakeBrowser(join(root, 'a'), 'chromium-browser');
    const chromium = fakeBrowser(join(root, 'b'), 'chromium');
    const env = { PATH: [join(root, 'a'), join(root, 'b')].join(delimiter) };
    expect(findBrowser({ env, playwrightPath: undefined }).executablePath).toBe(chromium);
  });

  it('skips a file on PATH that is not executable', () => {
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'chromium'), 'not a program');
    const chrome = fakeBrowser(join(root, 'b'), 'google-chrome-stable');
    const env = { PATH: [join(root, 'a'), join(root, 'b')].join(delimiter) };
    expect(findBrowser({ env, playwrightPath: undefined })).toEqual({ executablePath: chrome, source: 'path' });
  });

  it('throws BrowserNotFoundError in the error grammar, with the ways to get a browser', () => {
    const env = { PATH: join(root, 'empty') };
    let err: unknown;
    try {
      findBrowser({ env, playwrightPath: join(root, 'pw', 'chrome') });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BrowserNotFoundError);
    const e = err as BrowserNotFoundError;
    expect(e.code).toBe('LH_BROWSER_NOT_FOUND');
    expect(e.message).toMatch(/^\[live-harness\] Failed to find a Chromium: /);
    expect(e.message).toContain(`(${join(root, 'pw', 'chrome')} is missing)`);
    expect(e.message).toContain('apt-get install -y chromium-headless-shell');
    expect(e.message).toContain('npx playwright install chromium');
    expect(e.message).toContain('LIVE_HARNESS_CHROMIUM');
  });

  it("defaults to playwright-core's registry path and this process's environment", () => {
    // Whatever this machine has, the answer is one of the three sources, and an executable.
    let found;
    try {
      found = findBrowser();
    } catch (e) {
      expect(e).toBeInstanceOf(BrowserNotFoundError);
      return;
    }
    expect(['env', 'playwright', 'path']).toContain(found.source);
  });
});
