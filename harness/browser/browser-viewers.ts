/**
 * The browser viewers of one rig: one Chromium for all of them (launched on
 * the first), each viewer on its own path through the rig's fault proxy,
 * named `browser#<id>` there, so that a fault targeted at that name reaches
 * it alone. The vocabulary's fault a browser's path takes: reset (an RST to
 * its open connections); any toxic can be matched on `{ who: 'browser#<id>' }`
 * through rig.media.proxy. The phone's faults never reach a browser: it is
 * not on the phone.
 */
import type { Fault } from '../../mocks/link';
import type { MediaAccess } from '../rig';
import { BrowserViewer, type ViewerEntry } from './browser-viewer';
import { launchBrowser, type LaunchedBrowser } from './launch-browser';

export interface BrowserViewerSetup {
  /** the participant's id: `browser#<id>` on the timeline and as a fault target */
  readonly id: string;
  /** the stream key it watches (`live/demo`) */
  readonly stream: string;
  /** no new frame for this long is a stall; default 1000 ms */
  readonly stallMs?: number;
}

/** What the viewers need of a rig: its media (server URLs, fault proxy) and its timeline. */
export interface BrowserViewersHost {
  readonly media: MediaAccess | undefined;
  record(e: ViewerEntry): void;
}

/** The vocabulary's faults that take a target, as a browser's path can take them. */
export const BROWSER_FAULTS = ['reset'] as const;

/** Whether a fault's target names a browser viewer (`browser#<id>`) rather than the phone's network. */
export function isBrowserTarget(f: Fault): boolean {
  const target = (f as { target?: unknown }).target;
  return typeof target === 'string' && target.startsWith('browser#');
}

export class BrowserViewersError extends Error {
  readonly code = 'LH_BROWSER_VIEWERS';
}

export class BrowserViewers {
  private browser: Promise<LaunchedBrowser> | undefined;
  private readonly viewers = new Map<string, BrowserViewer>();
  private seq = 0;

  constructor(private readonly host: BrowserViewersHost) {}

  /** Start a viewer of `setup.stream` on its own path through the fault proxy. */
  async add(setup: BrowserViewerSetup): Promise<BrowserViewer> {
    const media = this.host.media;
    const proxy = media?.proxy;
    if (!media || !proxy)
      throw new BrowserViewersError(
        `[live-harness] Failed to add browser viewer "${setup.id}": the rig has no real media yet. Create it with media: 'local' and await rig.ready() first.`,
      );
    if (this.viewers.has(setup.id))
      throw new BrowserViewersError(`[live-harness] Failed to add browser viewer "${setup.id}": the id is taken. Give each browser viewer its own id.`);
    this.browser ??= launchBrowser();
    const browser = await this.browser;
    const who = `browser#${setup.id}`;
    const viewer = new BrowserViewer({
      id: setup.id,
      url: media.urls(setup.stream).httpFlv,
      browser: browser.browser,
      record: (e) => this.host.record(e),
      ...(setup.stallMs !== undefined ? { stallMs: setup.stallMs } : {}),
      via: {
        endpoint: proxy.endpoints['http-flv'],
        // phone: false — the phone's faults (stall, cut, shape …) are the phone's network, not this browser's.
        name: (address, port) => proxy.tag(address, port, { who, role: 'player', key: setup.stream, phone: false }),
      },
    });
    this.viewers.set(setup.id, viewer);
    await viewer.start();
    return viewer;
  }

  /** Apply a fault to one viewer's path: `{ fault: 'reset', target: 'browser#web' }`. */
  apply(f: Fault): void {
    const target = (f as { target?: string }).target ?? '';
    const id = target.slice('browser#'.length);
    const proxy = this.host.media?.proxy;
    if (!this.viewers.has(id) || !proxy)
      throw new BrowserViewersError(
        `[live-harness] Failed to apply ${f.fault} to ${target}: no browser viewer has id "${id}". Target one of: ${[...this.viewers.keys()].map((k) => `browser#${k}`).join(', ') || 'none (add setup.browserViewers)'}.`,
      );
    const match = { who: target };
    const name = `${target}:${f.fault}-${++this.seq}`;
    this.host.record({ source: target, kind: 'action', detail: { action: 'fault', ...f } });
    switch (f.fault) {
      case 'reset':
        // An RST now, to its connections open now: the toxic acts as it is added.
        proxy.addToxic({ type: 'reset', name, match });
        proxy.removeToxic(name);
        return;
      default:
        throw new BrowserViewersError(
          `[live-harness] Failed to apply ${f.fault} to ${target}: a browser viewer's path takes ${BROWSER_FAULTS.join(', ')}. Use { fault: 'reset', target: '${target}' }, or a toxic matched on { who: '${target}' } through rig.media.proxy.`,
        );
    }
  }

  get list(): readonly BrowserViewer[] {
    return [...this.viewers.values()];
  }

  /** Stop every viewer and the browser. Idempotent. */
  async stop(): Promise<void> {
    await Promise.all([...this.viewers.values()].map((v) => v.stop()));
    const b = this.browser;
    this.browser = undefined;
    if (b) await (await b.catch(() => undefined))?.stop();
  }
}
