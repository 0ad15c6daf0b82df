/**
 * Which Chromium the browser viewers (and the e2e tests) drive, in order:
 * LIVE_HARNESS_CHROMIUM → the browser playwright-core would download for
 * itself (`npx playwright install chromium`), when it is there → a Chromium on
 * PATH. The first that exists and is executable wins. playwright-core is the
 * driver only: it never downloads a browser at install, so a machine may have
 * none (docs/browser-viewers.md).
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

export type BrowserSource = 'env' | 'playwright' | 'path';

export interface FoundBrowser {
  readonly executablePath: string;
  readonly source: BrowserSource;
}

/** The names a Chromium goes by on PATH, most usual first (Debian's two packages, then Ubuntu's and Google's). */
export const PATH_NAMES = ['chromium', 'chromium-headless-shell', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

export const BROWSER_REMEDY =
  'On Debian or Ubuntu: apt-get install -y chromium-headless-shell (or chromium); elsewhere: npx playwright install chromium; ' +
  'or point LIVE_HARNESS_CHROMIUM at a Chromium or Chrome executable';

export class BrowserNotFoundError extends Error {
  readonly code = 'LH_BROWSER_NOT_FOUND';
  constructor(reason: string) {
    super(`[live-harness] Failed to find a Chromium: ${reason}. ${BROWSER_REMEDY}.`);
    this.name = 'BrowserNotFoundError';
  }
}

function executableFile(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export interface FindBrowserOptions {
  /** defaults to process.env (LIVE_HARNESS_CHROMIUM, PATH) */
  readonly env?: NodeJS.ProcessEnv;
  /** where playwright-core's own Chromium would be; defaults to `chromium.executablePath()` */
  readonly playwrightPath?: string;
}

function playwrightExecutable(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // an unsupported platform: playwright has no path to offer
  }
}

/** The Chromium to launch, and where it was found; throws BrowserNotFoundError with the ways to get one. */
export function findBrowser(options: FindBrowserOptions = {}): FoundBrowser {
  const env = options.env ?? process.env;
  const fromEnv = env.LIVE_HARNESS_CHROMIUM?.trim();
  if (fromEnv) {
    // Set but wrong is a mistake to name, not a reason to quietly launch another browser.
    if (!executableFile(fromEnv)) throw new BrowserNotFoundError(`LIVE_HARNESS_CHROMIUM=${fromEnv} is not an executable file`);
    return { executablePath: fromEnv, source: 'env' };
  }
  const own = 'playwrightPath' in options ? options.playwrightPath : playwrightExecutable();
  if (own && existsSync(own) && executableFile(own)) return { executablePath: own, source: 'playwright' };
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of PATH_NAMES) {
    for (const dir of dirs) {
      const p = join(dir, name);
      if (executableFile(p)) return { executablePath: p, source: 'path' };
    }
  }
  throw new BrowserNotFoundError(
    `LIVE_HARNESS_CHROMIUM is not set, playwright has no browser of its own${own ? ` (${own} is missing)` : ''}, and none of ${PATH_NAMES.join(', ')} is on PATH`,
  );
}
