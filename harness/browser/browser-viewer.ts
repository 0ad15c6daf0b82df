/**
 * A browser viewer: the PC or web side of a live system, watching one stream
 * in real Chromium with mpegts.js over HTTP-FLV. Its page reports (see
 * viewer-page.ts) become timeline entries under `browser#<id>`:
 *
 * - actions: `load` (the player asked for the stream), `first-frame`,
 *   `stall` (no new frame for stallMs), `recovered`, `reconnect` (a new
 *   player after an error), `ended`;
 * - errors: mpegts.js ERROR events (network or media), with its type and detail;
 * - metrics: `first-frame` { ms }, `latency` { ms, networkMs, bufferMs, samples }
 *   per period (medians over the frames presented in it), `playback`
 *   { fps, rateKbps, droppedFrames, unmatchedFrames }.
 *
 * Each viewer has a browser context of its own in a shared browser, and,
 * given `via`, its own path through the fault proxy (viewer-path.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import '../dispose-symbols';
import { runViewerPage, type ViewerReport } from './viewer-page';
import { ViewerPath, type HostPort } from './viewer-path';

/** A timeline entry as the rig records it (Rig.record). */
export interface ViewerEntry {
  readonly source: string;
  readonly kind: 'action' | 'error' | 'metric';
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface BrowserViewerOptions {
  /** the participant's id: entries go under `browser#<id>` */
  readonly id: string;
  /** the stream's HTTP-FLV URL (rig.media.urls(key).httpFlv) */
  readonly url: string;
  readonly browser: Browser;
  readonly record: (e: ViewerEntry) => void;
  /** relay the viewer's connections through this endpoint (the fault proxy's http-flv route), naming each one there */
  readonly via?: { readonly endpoint: HostPort; readonly name: (localAddress: string, localPort: number) => void };
  /** no new frame for this long is a stall; default 1000 ms */
  readonly stallMs?: number;
  /** how often figures are recorded; default 1000 ms */
  readonly metricsEveryMs?: number;
  /** after a player error, a new player this much later (as live pages do); default 1000 ms, negative: never */
  readonly reconnectMs?: number;
}

export class BrowserViewerError extends Error {
  readonly code = 'LH_BROWSER_VIEWER';
}

let playerScript: string | undefined;
function mpegtsScript(): string {
  // The player's own distributed build, loaded into the page as it is; nothing fetched from a CDN.
  playerScript ??= readFileSync(createRequire(__filename).resolve('mpegts.js/dist/mpegts.js'), 'utf8');
  return playerScript;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

export class BrowserViewer {
  readonly source: string;
  private context: BrowserContext | undefined;
  private page: Page | undefined;
  private path: ViewerPath | undefined;
  private stopped = false;
  private readonly latencies: Array<{ wallMs: number; ms: number; networkMs: number }> = [];
  private firstFrame: { wallMs: number; ms: number } | undefined;
  private loadWallMs: number | undefined;

  constructor(private readonly opts: BrowserViewerOptions) {
    this.source = `browser#${opts.id}`;
  }

  /** Every latency sample so far (one per presented frame with a clock), wall ms of display. */
  get latencySamples(): ReadonlyArray<{ readonly wallMs: number; readonly ms: number; readonly networkMs: number }> {
    return this.latencies;
  }

  get firstFrameAt(): { readonly wallMs: number; readonly ms: number } | undefined {
    return this.firstFrame;
  }

  get loadedAtWallMs(): number | undefined {
    return this.loadWallMs;
  }

  async start(): Promise<this> {
    try {
      let url = this.opts.url;
      if (this.opts.via) {
        this.path = await new ViewerPath({ upstream: this.opts.via.endpoint, name: this.opts.via.name }).start();
        const u = new URL(url);
        u.host = `${this.path.endpoint.host}:${this.path.endpoint.port}`;
        url = u.toString();
      }
      this.context = await this.opts.browser.newContext();
      const page = await this.context.newPage();
      this.page = page;
      await page.exposeFunction('__lhReport', (r: ViewerReport) => this.onReport(r));
      await page.setContent('<!doctype html><html><body style="margin:0;background:#000"></body></html>');
      await page.addScriptTag({ content: mpegtsScript() });
      // runViewerPage goes into the page as its source text. Run from TypeScript through tsx (the CLI in a clone),
      // esbuild wraps named functions in a `__name(fn, "name")` helper that exists only in Node: give the page one.
      await page.addScriptTag({ content: 'globalThis.__name = globalThis.__name || function (fn) { return fn; };' });
      await page.evaluate(runViewerPage, {
        url,
        stallMs: this.opts.stallMs ?? 1000,
        metricsEveryMs: this.opts.metricsEveryMs ?? 1000,
        reconnectMs: this.opts.reconnectMs ?? 1000,
      });
    } catch (e) {
      await this.stop();
      throw new BrowserViewerError(
        `[live-harness] Failed to start browser viewer "${this.opts.id}": ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}. Check that the browser is running (launchBrowser) and that ${this.opts.url} is an HTTP-FLV URL of a stream.`,
      );
    }
    return this;
  }

  private record(kind: ViewerEntry['kind'], detail: Record<string, unknown>): void {
    if (this.stopped) return;
    this.opts.record({ source: this.source, kind, detail });
  }

  private onReport(r: ViewerReport): void {
    switch (r.type) {
      case 'load':
        this.loadWallMs = r.wallMs;
        return this.record('action', { action: 'load', url: this.opts.url });
      case 'first-frame':
        this.firstFrame = { wallMs: r.wallMs, ms: r.ms };
        this.record('action', { action: 'first-frame', width: r.width, height: r.height });
        return this.record('metric', { name: 'first-frame', ms: r.ms });
      case 'stall':
        return this.record('action', { action: 'stall', sinceFrameMs: Math.round(r.wallMs - r.lastFrameWallMs) });
      case 'recovered':
        return this.record('action', { action: 'recovered', stalledMs: r.stalledMs });
      case 'ended':
        return this.record('action', { action: 'ended', how: r.how });
      case 'reconnect':
        return this.record('action', { action: 'reconnect', after: r.after });
      case 'error':
        return this.record('error', { errorType: r.errorType, detail: r.detail, info: r.info });
      case 'metrics': {
        for (const [ms, networkMs] of r.latency) this.latencies.push({ wallMs: r.wallMs, ms, networkMs });
        if (r.latency.length) {
          const ms = median(r.latency.map((x) => x[0]));
          const networkMs = median(r.latency.map((x) => x[1]));
          this.record('metric', { name: 'latency', ms, networkMs, bufferMs: ms - networkMs, samples: r.latency.length });
        }
        return this.record('metric', {
          name: 'playback',
          fps: Math.round((r.frames * 10_000) / r.forMs) / 10,
          rateKbps: r.rateKbps,
          droppedFrames: r.droppedFrames,
          unmatchedFrames: r.unmatchedFrames,
        });
      }
    }
  }

  /** Stop playing and close the page, its context and its path. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.page?.evaluate(() => (window as unknown as { __lhStop?: () => void }).__lhStop?.()).catch(() => undefined);
    await this.context?.close().catch(() => undefined); // the browser may be gone already
    await this.path?.stop();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
