/**
 * What the protocol reads off a rendered element: its WXML tag, attributes,
 * component properties and WXML text, from the exparser node underneath
 * miniprogram-simulate's wrapper (the DOM carries neither ids nor WXML tags).
 */
import { createRequire } from 'node:module';
import type { PageElement } from '../rig';

let textNodeClass: (abstract new (...a: never[]) => object) | undefined;
/** exparser's TextNode, reached as miniprogram-simulate reaches it (the instance that rendered the page); loaded on first use, as it needs a DOM. */
function isTextNode(n: ExNode): boolean {
  if (!textNodeClass) {
    const simulate = createRequire(createRequire(__filename).resolve('miniprogram-simulate'));
    const exparser = createRequire(simulate.resolve('j-component'))('miniprogram-exparser') as { TextNode: abstract new (...a: never[]) => object };
    textNodeClass = exparser.TextNode;
  }
  return n instanceof textNodeClass;
}

/** The parts of an exparser node read here. */
export interface ExNode {
  readonly __virtual?: boolean;
  readonly id?: string;
  readonly dataset?: Record<string, unknown>;
  readonly textContent?: string;
  readonly _vt?: { readonly tagName?: string; readonly attrs?: ReadonlyArray<{ name: string; value: unknown }> };
  readonly childNodes?: readonly ExNode[];
  readonly parentNode?: ExNode | null;
  /** the children as rendered (what slots into a component included), as j-component serialises them */
  readonly __wxSlotChildren?: readonly ExNode[];
  readonly shadowRoot?: ExNode;
  readonly __propPublic?: Record<string, unknown>;
  readonly __methodCaller?: { data?: Record<string, unknown> } & Record<string, unknown>;
  readonly $$?: HTMLElement;
}

/** Tags WeChat renders natively: never a custom component, even where a mock stands in for them. */
const NATIVE_COMPONENTS = new Set(['live-pusher', 'live-player', 'video', 'camera', 'map', 'canvas', 'web-view']);

export function exparserNode(el: PageElement): ExNode {
  const node = (el as unknown as { _exparserNode?: ExNode })._exparserNode;
  if (!node) throw new Error('[live-harness] Failed to read an element: it has no exparser node. This is a bug in automator-sim; please report it.');
  return node;
}

export function tagName(node: ExNode): string {
  return (node._vt?.tagName ?? '').toLowerCase();
}

/** A custom component of the mini-program (the reply then carries a nodeId and the client offers data/setData/callMethod). */
export function isCustomComponent(node: ExNode): boolean {
  // miniprogram-simulate renders WeChat's built-in tags (button, view …) as wx-* elements; a mini-program's own components under their own tag.
  const rendered = node.$$?.tagName.toLowerCase() ?? '';
  return (
    node.__propPublic !== undefined &&
    node.shadowRoot !== undefined &&
    node.__methodCaller !== undefined &&
    !NATIVE_COMPONENTS.has(tagName(node)) &&
    !rendered.startsWith('wx-')
  );
}

function camel(s: string): string {
  return s.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/** An attribute as WXML set it, as a string (null when the element has none). */
export function attribute(node: ExNode, name: string): string | null {
  const lower = name.toLowerCase();
  let v: unknown;
  if (lower.startsWith('data-') && node.dataset) v = node.dataset[camel(lower.slice(5))];
  else if (lower === 'id') v = node.id || undefined;
  else {
    const wanted = new Set([name, lower, camel(lower)]);
    v = (node._vt?.attrs ?? []).find((a) => wanted.has(a.name))?.value;
    // Component properties (live-player's src) are attributes to WXML too.
    if (v === undefined && node.__propPublic && camel(lower) in node.__propPublic) v = node.__methodCaller?.data?.[camel(lower)];
  }
  if (v === undefined || v === null) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * A component property. `__propPublic` is the client's first question: the
 * names it may ask for (it refuses any other as "<tag>.<name> not exists").
 */
export function property(node: ExNode, name: string): unknown {
  if (name === '__propPublic') {
    const out: Record<string, boolean> = {};
    for (const k of Object.keys(node.__propPublic ?? {})) out[k] = true;
    return out;
  }
  const data = node.__methodCaller?.data;
  if (data && name in data) return data[name];
  return (node as unknown as Record<string, unknown>)[name];
}

/** A DOM property (innerText, offsetWidth …) of the rendered node; jsdom has no layout, so sizes read 0. */
export function domProperty(node: ExNode, name: string): unknown {
  const dom = node.$$;
  if (!dom) return null;
  if (name === 'innerText' || name === 'textContent') return (dom.textContent ?? '').trim();
  const v = (dom as unknown as Record<string, unknown>)[name];
  return typeof v === 'function' ? null : (v ?? null);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attrText(name: string, value: unknown): string {
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return `${name}="${text.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
}

/** The WXML of what the element renders: a custom component's own template, or the element's children. */
export function innerWxml(node: ExNode): string {
  const root = isCustomComponent(node) && node.shadowRoot ? node.shadowRoot : node;
  return children(root)
    .map((c) => outerOf(c))
    .join('');
}

export function outerWxml(node: ExNode): string {
  return outerOf(node, true);
}

function outerOf(node: ExNode, self = false): string {
  if (isTextNode(node)) return escapeText(node.textContent ?? '');
  if (node.__virtual && !self)
    return children(node)
      .map((c) => outerOf(c))
      .join('');
  const tag = tagName(node) || 'view';
  // id first, then class, then the rest as exparser holds them; names as WXML writes them (min-cache, not minCache).
  const rank = (name: string): number => (name === 'id' ? 0 : name === 'class' ? 1 : 2);
  const list = (node._vt?.attrs ?? []).filter((a) => a.value !== undefined && a.value !== null && a.value !== '' && a.value !== false);
  if (node.id && !list.some((a) => a.name === 'id')) list.push({ name: 'id', value: node.id });
  const attrs = [...list]
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map((a) =>
      attrText(
        a.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        a.value,
      ),
    );
  return `<${tag}${attrs.length ? ` ${attrs.join(' ')}` : ''}>${innerWxml(node)}</${tag}>`;
}

function children(n: ExNode): readonly ExNode[] {
  return n.__wxSlotChildren ?? n.childNodes ?? [];
}
