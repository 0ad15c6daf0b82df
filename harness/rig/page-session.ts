/**
 * The rig's side of pages: every lifecycle call and setData goes on the
 * timeline, page visibility reaches the players (auto-pause-if-navigate), and
 * the mini-program's modules see this rig's `wx`, timers and live tags.
 */
import type { LiveComponents, LiveRuntime } from '../../mocks/components';
import { cloneData, LoadedPage, PageRuntime } from '../page';

export type LoadedPageHandle = LoadedPage;
export type { PageElement } from '../page';

export class PageSession {
  private runtime: PageRuntime | undefined;

  constructor(
    private readonly rt: LiveRuntime,
    private readonly components: LiveComponents,
    private readonly rootPath: string | undefined,
    private readonly scope: () => Readonly<Record<string, unknown>>,
  ) {}

  /** miniprogram-simulate's `wx` API (storage, system info …), which the rig's `wx` extends. */
  get baseWx(): Record<string, unknown> {
    return PageRuntime.simulateApi();
  }

  private get pages(): PageRuntime {
    if (!this.rootPath) {
      throw new Error('[live-harness] Failed to load a page: the rig has no miniprogramRoot. Pass createRig({ miniprogramRoot: "<folder with app.json>" }).');
    }
    this.runtime ??= new PageRuntime({
      rootPath: this.rootPath,
      usingComponents: this.components.tags,
      scope: this.scope,
      hooks: {
        onLifecycle: (page, name, args) =>
          this.rt.record({ source: 'page', kind: 'lifecycle', detail: { route: page.route, name, ...(args.length ? { args: args as unknown[] } : {}) } }),
        onSetData: (page, patch) => this.rt.record({ source: 'page', kind: 'setData', detail: clonePatch(patch) }),
        onVisibility: (page, visible) => {
          // Players of a page that is covered pause when auto-pause-if-navigate says so.
          for (const h of this.components.handles) if (h.kind === 'player' && h.owner === page.instance) h.model.pageHidden(!visible);
        },
      },
    });
    return this.runtime;
  }

  open(route: string, query?: Record<string, string>): Promise<LoadedPage> {
    return this.pages.open(route, query);
  }

  component(path: string, props?: Record<string, unknown>): Promise<LoadedPage> {
    return this.pages.component(path, props);
  }

  back(delta?: number): Promise<void> {
    return this.pages.back(delta);
  }

  redirect(route: string): Promise<LoadedPage> {
    return this.pages.redirect(route);
  }

  reLaunch(route: string): Promise<LoadedPage> {
    return this.pages.reLaunch(route);
  }

  switchTab(route: string): Promise<LoadedPage> {
    return this.pages.switchTab(route);
  }

  compile(expression: string): unknown {
    return this.pages.compile(expression);
  }

  /** The page stack, bottom first (getCurrentPages()). */
  get stack(): readonly LoadedPage[] {
    return this.runtime?.pages ?? [];
  }

  get routes(): ReadonlySet<string> {
    return this.pages.routes;
  }

  get tabRoutes(): ReadonlySet<string> {
    return this.pages.tabRoutes;
  }

  /** Whether a user's tap is being handled (page.tap): WeChat lets openSetting run only then. */
  get inUserGesture(): boolean {
    return this.runtime?.inUserGesture ?? false;
  }

  isViewReady(scope: unknown): boolean {
    return this.runtime ? this.runtime.isViewReady(scope) : true;
  }

  /** `pages/push/push#2` for the second instance of that page in this rig. */
  labelOf(scope: unknown): string | undefined {
    return this.runtime?.pageOf(scope)?.label;
  }

  get current(): LoadedPage | undefined {
    return this.runtime?.current;
  }

  dispose(): void {
    this.runtime?.dispose();
  }
}

function clonePatch(patch: Record<string, unknown>): Record<string, unknown> {
  try {
    return cloneData(patch);
  } catch {
    return { ...patch };
  }
}
