/** doctor's browser line, on stand-in executables: it reads --version and launches nothing. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBrowser } from './doctor-browser';
import { printChecks } from './doctor';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lh-doctor-browser-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const p = join(dir, 'bin', name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

describe('doctor: browser', () => {
  it('names the browser found on PATH, its version and where it came from', () => {
    const p = script('chromium-headless-shell', 'echo "Chromium 150.0.7871.100"');
    expect(checkBrowser({ env: { PATH: join(dir, 'bin') }, playwrightPath: undefined })).toEqual({
      label: 'browser',
      ok: true,
      lines: [`${p} (from PATH)`, 'Chromium 150.0.7871.100'],
    });
  });

  it('says LIVE_HARNESS_CHROMIUM when that chose it', () => {
    const p = script('my-chrome', 'echo "Google Chrome 131.0.1"');
    const c = checkBrowser({ env: { LIVE_HARNESS_CHROMIUM: p, PATH: '' }, playwrightPath: undefined });
    expect(c.lines).toEqual([`${p} (from LIVE_HARNESS_CHROMIUM)`, 'Google Chrome 131.0.1']);
  });

  it('fails a browser that does not answer --version, with the command to try', () => {
    const p = script('chromium', 'exit 3');
    const c = checkBrowser({ env: { PATH: join(dir, 'bin') }, playwrightPath: undefined });
    expect(c.ok).toBe(false);
    expect(c.optional).toBeUndefined();
    expect(c.lines[1]).toContain(`run "${p} --version" by hand`);
  });

  it('warns, without failing doctor, with the ways to get a browser when there is none', () => {
    const c = checkBrowser({ env: { PATH: join(dir, 'empty') }, playwrightPath: join(dir, 'pw', 'chrome') });
    expect(c.ok).toBe(false);
    expect(c.optional).toBe('only scenarios with browser viewers and npm run test:e2e need one');
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]).toMatch(/^\[live-harness\] Failed to find a Chromium: .*apt-get install -y chromium-headless-shell.*npx playwright install chromium/);
  });

  it('prints a missing browser as a warning that does not count as a problem', () => {
    const missing = checkBrowser({ env: { PATH: join(dir, 'empty') }, playwrightPath: undefined });
    const out: string[] = [];
    expect(printChecks([{ label: 'node', ok: true, lines: ['v20'] }, missing], (s) => out.push(s))).toBe(0);
    expect(out[2]).toBe('warn  browser (only scenarios with browser viewers and npm run test:e2e need one)');
    expect(out[out.length - 1]).toBe('everything checked is ready on this machine');
  });

  it('still fails doctor for a check that is not optional', () => {
    const out: string[] = [];
    expect(printChecks([{ label: 'ffmpeg', ok: false, lines: ['none'] }], (s) => out.push(s))).toBe(1);
    expect(out).toEqual(['FAIL  ffmpeg', '      none', '1 problem: what needs ffmpeg will fail until fixed']);
  });
});
