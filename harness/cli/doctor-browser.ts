/**
 * doctor's browser line: which Chromium the browser viewers and `npm run
 * test:e2e` would drive (its path, its own version line, and how it was
 * found), or the ways to get one. A browser is needed only by scenarios with
 * browser viewers, so a missing one is a warning, not a failure of doctor.
 */
import { browserVersion, BrowserNotFoundError, findBrowser, type FindBrowserOptions } from '../browser';
import type { Check } from './check';

const SOURCE_WORDS = { env: 'LIVE_HARNESS_CHROMIUM', playwright: "playwright's own browser", path: 'PATH' } as const;

export function checkBrowser(options: FindBrowserOptions = {}): Check {
  try {
    const found = findBrowser(options);
    const version = browserVersion(found.executablePath);
    return {
      label: 'browser',
      ok: version !== undefined,
      lines: [
        `${found.executablePath} (from ${SOURCE_WORDS[found.source]})`,
        version ??
          `it did not answer --version; fix: run "${found.executablePath} --version" by hand to see why, or set LIVE_HARNESS_CHROMIUM to another Chromium`,
      ],
    };
  } catch (e) {
    if (!(e instanceof BrowserNotFoundError)) throw e;
    return {
      label: 'browser',
      ok: false,
      optional: 'only scenarios with browser viewers and npm run test:e2e need one',
      lines: [e.message],
    };
  }
}
