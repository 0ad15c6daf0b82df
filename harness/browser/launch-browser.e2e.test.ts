import { findBrowser, launchBrowser, browserVersion } from '.';

describe('launchBrowser', () => {
  it('launches the Chromium findBrowser chose, renders a page in it, and closes it on stop', async () => {
    const found = findBrowser();
    const launched = await launchBrowser({ found });
    try {
      expect(launched.executablePath).toBe(found.executablePath);
      expect(launched.browser.isConnected()).toBe(true);
      const page = await launched.browser.newPage();
      await page.setContent('<p id="x">hello</p>');
      expect(await page.textContent('#x')).toBe('hello');
      // The page clock and Node's are this machine's one wall clock: what browser latency relies on.
      const pageNowMs = await page.evaluate(() => performance.timeOrigin + performance.now());
      expect(Math.abs(pageNowMs - Date.now())).toBeLessThan(1000);
    } finally {
      await launched.stop();
    }
    expect(launched.browser.isConnected()).toBe(false);
    await launched.stop(); // idempotent
  });

  it('works with await using', async () => {
    let seen: { isConnected(): boolean } | undefined;
    {
      await using launched = await launchBrowser();
      seen = launched.browser;
      expect(seen.isConnected()).toBe(true);
    }
    expect(seen.isConnected()).toBe(false);
  });

  it("reads the browser's version line", () => {
    expect(browserVersion(findBrowser().executablePath)).toMatch(/(Chromium|Chrome)\D*\d+\./);
  });
});
