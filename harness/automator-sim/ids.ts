/**
 * Page and element ids. The client caches Page and Element objects by id and
 * returns the cached one when an id comes back, so an id names one page or one
 * element for the life of the server and is never handed out again.
 */
import type { LoadedPageHandle, PageElement } from '../rig';
import { ProtocolError, type CallContext } from './protocol';

export interface ElementEntry {
  readonly elementId: string;
  readonly page: LoadedPageHandle;
  readonly element: PageElement;
  /** the exparser node: one element, however often it is selected */
  readonly node: object;
}

export class IdTable {
  private nextPage = 1;
  private nextElement = 1;
  private readonly pageIds = new WeakMap<LoadedPageHandle, number>();
  private readonly pagesById = new Map<number, WeakRef<LoadedPageHandle>>();
  private readonly elementIds = new WeakMap<object, string>();
  private readonly elements = new Map<string, ElementEntry>();
  /** elements of unloaded pages: id → the page's route, to say why a lookup fails */
  private readonly retired = new Map<string, string>();

  pageId(page: LoadedPageHandle): number {
    let id = this.pageIds.get(page);
    if (id === undefined) {
      // A new page means the stack changed: drop what the unloaded pages left behind.
      this.prune();
      id = this.nextPage++;
      this.pageIds.set(page, id);
      this.pagesById.set(id, new WeakRef(page));
    }
    return id;
  }

  /** The live page `pageId` names; an unloaded one is refused, as DevTools refuses a closed page. */
  page(pageId: unknown, call: CallContext): LoadedPageHandle {
    const page = typeof pageId === 'number' ? this.pagesById.get(pageId)?.deref() : undefined;
    if (!page)
      throw new ProtocolError(
        `[live-harness] Failed to run ${call.method}: no page has pageId ${JSON.stringify(pageId)}. Take the id from App.getCurrentPage or App.getPageStack.`,
      );
    if (page.unloaded)
      throw new ProtocolError(
        `[live-harness] Failed to run ${call.method}: page ${pageId} (${page.route}) was unloaded. Take the current page again (App.getCurrentPage).`,
      );
    return page;
  }

  element(page: LoadedPageHandle, element: PageElement, node: object): ElementEntry {
    let id = this.elementIds.get(node);
    if (id === undefined) {
      id = `el-${this.nextElement++}`;
      this.elementIds.set(node, id);
    }
    const entry = { elementId: id, page, element, node };
    this.elements.set(id, entry);
    return entry;
  }

  lookup(elementId: unknown, call: CallContext): ElementEntry {
    const e = typeof elementId === 'string' ? this.elements.get(elementId) : undefined;
    const gone = typeof elementId === 'string' ? this.retired.get(elementId) : undefined;
    if (!e && gone !== undefined)
      throw new ProtocolError(
        `[live-harness] Failed to run ${call.method}: element ${String(elementId)} belongs to ${gone}, which was unloaded. Select it again on the current page.`,
      );
    if (!e)
      throw new ProtocolError(
        `[live-harness] Failed to run ${call.method}: no element has elementId ${JSON.stringify(elementId)}. Select it first (Page.getElement).`,
      );
    if (e.page.unloaded)
      throw new ProtocolError(
        `[live-harness] Failed to run ${call.method}: element ${e.elementId} belongs to ${e.page.route}, which was unloaded. Select it again on the current page.`,
      );
    return e;
  }

  /** Forget the elements and pages that were unloaded (their ids stay retired: lookups then say "no element has …"). */
  prune(): void {
    for (const [id, e] of this.elements) {
      if (!e.page.unloaded) continue;
      this.elements.delete(id);
      this.retired.set(id, e.page.route);
    }
    for (const [id, ref] of this.pagesById) {
      const p = ref.deref();
      if (!p) this.pagesById.delete(id);
    }
  }
}
