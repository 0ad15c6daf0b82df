/**
 * The live tags a remote page shows, read through the protocol: which
 * <live-pusher>/<live-player> elements each page of the stack holds, their
 * id, and their attributes by the model's property names. The drivers diff
 * one reading against the last to learn that an element appeared, changed or
 * left.
 */
import { PLAYER_ATTRS, PUSHER_ATTRS } from '../../mocks/model';
import { readProperties, type AutomatorElement, type AutomatorMiniProgram, type AutomatorPage } from './automator-client';

export type LiveKind = 'pusher' | 'player';

export interface RemoteLiveElement {
  readonly kind: LiveKind;
  /** the element's id attribute, or `pusher-<n>` for one without */
  readonly id: string;
  /** the protocol page it is on */
  readonly pageId: number;
  readonly route: string;
  readonly element: AutomatorElement;
  /** its attributes by the model's names (`url`, `autopush`, `minBitrate` …), as the runtime holds them */
  readonly attributes: Readonly<Record<string, unknown>>;
}

const NAMES: Readonly<Record<LiveKind, readonly string[]>> = { pusher: Object.keys(PUSHER_ATTRS), player: Object.keys(PLAYER_ATTRS) };
const TAGS: Readonly<Record<LiveKind, string>> = { pusher: 'live-pusher', player: 'live-player' };

/** The protocol's page id (the client keeps it private; ids are never reused, so it names one page instance). */
export function pageIdOf(page: AutomatorPage): number {
  return (page as unknown as { id: number }).id;
}

export class RemoteElements {
  /** element ids read once per protocol element: the id attribute of a rendered tag does not change */
  private readonly ids = new WeakMap<AutomatorElement, string>();
  private anonymous = 0;

  constructor(private readonly mp: AutomatorMiniProgram) {}

  /** Every live element of every page on the stack, bottom page first. */
  async read(): Promise<RemoteLiveElement[]> {
    const out: RemoteLiveElement[] = [];
    for (const page of await this.mp.pageStack()) out.push(...(await this.readPage(page)));
    return out;
  }

  async readPage(page: AutomatorPage): Promise<RemoteLiveElement[]> {
    const out: RemoteLiveElement[] = [];
    for (const kind of ['pusher', 'player'] as const) {
      let elements: AutomatorElement[];
      try {
        // The page's own tags, and (`>>>`, across component boundaries) those in its custom components' templates:
        // a room component's or a plugin component's tags are on the page as much as its own.
        elements = await page.$$(`${TAGS[kind]}, * >>> ${TAGS[kind]}`);
      } catch {
        // The page left the stack while it was read (a navigation under way): it shows nothing any more.
        return [];
      }
      for (const element of elements) {
        try {
          let id = this.ids.get(element);
          if (id === undefined) {
            id = (await element.attribute('id')) || `${kind}-${++this.anonymous}`;
            this.ids.set(element, id);
          }
          const attributes = await readProperties(element, NAMES[kind]);
          out.push({ kind, id, pageId: pageIdOf(page), route: page.path, element, attributes });
        } catch {
          // Gone between the listing and the read (its page was unloaded): not on a page any more.
        }
      }
    }
    return out;
  }
}

/** The attributes of `next` that differ from `last`. */
export function changedAttributes(last: Readonly<Record<string, unknown>>, next: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) if (JSON.stringify(last[k]) !== JSON.stringify(v)) out[k] = v;
  return out;
}
