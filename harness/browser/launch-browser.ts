/**
 * A headless Chromium as an object with a lifecycle: launched over
 * playwright-core with the executable findBrowser() chose, closed by stop()
 * (or `await using`), and closed on Ctrl-C through the process registry's
 * interrupt hooks, so no browser outlives the run that started it.
 */
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import '../dispose-symbols';
import { onInterrupt } from '../media';
import { findBrowser, type FoundBrowser } from './find-browser';

export class BrowserLaunchError extends Error {
  readonly code = 'LH_BROWSER_LAUNCH';
}

export interface LaunchBrowserOptions {
  /** the browser to launch; defaults to findBrowser() */
  readonly found?: FoundBrowser;
  /** extra Chromium arguments */
  readonly args?: readonly string[];
  /** how long the launch may take; default 30 s (a loaded machine launches in well under that) */
  readonly timeoutMs?: number;
}

export interface LaunchedBrowser extends FoundBrowser {
  readonly browser: Browser;
  /** Close the browser and every page in it. Idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const found = options.found ?? findBrowser();
  const launchOptions: LaunchOptions = {
    executablePath: found.executablePath,
    headless: true,
    args: [...(options.args ?? [])],
    timeout: options.timeoutMs ?? 30_000,
    // Ctrl-C goes through the registry's hooks (below), which close the browser and then let the
    // run write its report; playwright's own handlers would exit first. It still kills the browser at exit.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
  let browser: Browser;
  try {
    browser = await chromium.launch(launchOptions);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new BrowserLaunchError(
      `[live-harness] Failed to launch Chromium (${found.executablePath}, found by ${found.source}): ${reason}. ` +
        'Run it by hand with --headless --version to see why, or point LIVE_HARNESS_CHROMIUM at another Chromium.',
    );
  }
  let closing: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    closing ??= (async () => {
      offInterrupt();
      await browser.close().catch(() => undefined); // already gone (crashed, or closed by playwright at exit)
    })();
    return closing;
  };
  const offInterrupt = onInterrupt(stop);
  return { ...found, browser, stop, [Symbol.asyncDispose]: stop };
}

/** The browser's own version line (`Chromium 131.0.6778.85 …`), or undefined when it will not say. */
export function browserVersion(executablePath: string, timeoutMs = 10_000): string | undefined {
  const r = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: timeoutMs });
  const line = `${r.stdout ?? ''}`.trim().split('\n')[0];
  return r.status === 0 && line ? line : undefined;
}
