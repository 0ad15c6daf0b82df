/**
 * Selecting elements of a rendered page. Selectors exparser understands go to
 * exparser, as miniprogram-simulate's own querySelector does; the rest (tags,
 * attributes, :nth-…) are matched here over the same exparser tree, with the
 * same rules: a page sees its own template and what it slots into components,
 * `wx:for`/`wx:if` blocks are transparent, and only `>>>` looks inside a
 * component's own template. The DOM is no use for this: it carries neither
 * the ids nor the WXML tag names (`<button id="go">` renders `<wx-button>`).
 */
import { createRequire } from 'node:module';
import { isExparserSelector, nthMatches, parseSelector, type ComplexSelector, type Compound, type AttributeTest } from './selector';

/** An element of a rendered page, as miniprogram-simulate wraps it. */
export interface PageElement {
  /** the rendered DOM node (`<wx-button>`; classes carry the component's prefix, ids are not rendered) */
  readonly dom: HTMLElement;
  /** the component instance, for a custom component (`this` of its code) */
  readonly instance?: unknown;
  /** the component's data, for a custom component */
  readonly data?: Record<string, unknown>;
  /** dispatch an event (`tap`, `touchstart`, `input` …) as a user would; handlers run in a microtask */
  dispatchEvent(name: string, options?: Record<string, unknown>): void;
  /** miniprogram-simulate's own query inside a custom component's template (#id, .class and combinators only) */
  querySelector(selector: string): PageElement | undefined;
  querySelectorAll(selector: string): PageElement[];
}

/** The parts of an exparser node this module reads. */
interface ExNode {
  readonly __virtual?: boolean;
  readonly id?: string;
  readonly classList?: { contains(name: string): boolean };
  readonly dataset?: Record<string, unknown>;
  readonly _vt?: { readonly tagName?: string; readonly attrs?: ReadonlyArray<{ name: string; value: unknown }> };
  readonly parentNode: ExNode | null;
  readonly childNodes: readonly ExNode[];
  readonly shadowRoot?: ExNode;
  readonly ownerShadowRoot?: ExNode;
  readonly __wxHost?: ExNode;
  readonly __componentNode__?: PageElement;
}

interface Exparser {
  Element: abstract new (...a: never[]) => object;
}

interface QueryRoot {
  readonly _exparserNode: ExNode & { shadowRoot: ExNode };
  querySelector(selector: string): PageElement | undefined;
  querySelectorAll(selector: string): PageElement[];
}

/**
 * exparser and j-component need a DOM when they load: required on first use.
 * Both are reached the way miniprogram-simulate reaches them, so that the
 * classes compared here are the ones that rendered the page.
 */
let jRequire: NodeJS.Require | undefined;
function fromJComponent(id: string): unknown {
  if (!jRequire) {
    const simulate = createRequire(createRequire(__filename).resolve('miniprogram-simulate'));
    jRequire = createRequire(simulate.resolve('j-component'));
  }
  return jRequire(id);
}

/** The first element of `root`'s template matching `selector`, in document order. */
export function queryOne(root: QueryRoot, selector: string): PageElement | undefined {
  const list = parseSelector(selector);
  if (isExparserSelector(list)) return root.querySelector(selector) ?? undefined;
  return new TreeQuery(root._exparserNode.shadowRoot, list).run(true)[0];
}

/** Every element of `root`'s template matching `selector`, in document order. */
export function queryAll(root: QueryRoot, selector: string): PageElement[] {
  const list = parseSelector(selector);
  if (isExparserSelector(list)) return root.querySelectorAll(selector);
  return matchTree(root, selector);
}

/** @internal This module's own matcher on any selector, never exparser's: for tests that hold the two to the same answers. */
export function matchTree(root: QueryRoot, selector: string): PageElement[] {
  return new TreeQuery(root._exparserNode.shadowRoot, parseSelector(selector)).run(false);
}

class TreeQuery {
  private readonly exparser = fromJComponent('miniprogram-exparser') as Exparser;
  private readonly deep: boolean;

  constructor(
    /** the page's own template: what its selectors see */
    private readonly scope: ExNode,
    private readonly list: readonly ComplexSelector[],
  ) {
    this.deep = list.some((c) => c.combinators.includes('>>>'));
  }

  run(firstOnly: boolean): PageElement[] {
    const out: PageElement[] = [];
    const visit = (parent: ExNode): boolean => {
      // As exparser walks: a component's own template first (for >>>), then its children.
      if (this.deep && parent !== this.scope && parent.shadowRoot && this.isElement(parent.shadowRoot) && visit(parent.shadowRoot)) return true;
      for (const n of parent.childNodes) {
        if (!this.isElement(n)) continue;
        if (!n.__virtual && this.list.some((c) => this.matchFrom(c, c.compounds.length - 1, n))) {
          out.push(wrap(n));
          if (firstOnly) return true;
        }
        if (visit(n)) return true;
      }
      return false;
    };
    visit(this.scope);
    return out;
  }

  private isElement(n: unknown): n is ExNode {
    return n instanceof this.exparser.Element;
  }

  /** Does `n` match compounds[0..i] of `sel`, with compounds[i] on `n` itself? */
  private matchFrom(sel: ComplexSelector, i: number, n: ExNode): boolean {
    if (!this.matchesCompound(sel.compounds[i], n)) return false;
    // The leftmost compound sits in the page's own template, never inside a component's.
    if (i === 0) return n.ownerShadowRoot === this.scope;
    const combinator = sel.combinators[i - 1];
    if (combinator === '>') {
      const p = parentInTree(n);
      return p !== undefined && this.matchFrom(sel, i - 1, p);
    }
    for (let a = this.ancestor(n, combinator === '>>>'); a; a = this.ancestor(a, combinator === '>>>')) if (this.matchFrom(sel, i - 1, a)) return true;
    return false;
  }

  /** The parent in the same template, or (crossing) the component whose template this is. */
  private ancestor(n: ExNode, cross: boolean): ExNode | undefined {
    const p = parentInTree(n);
    if (p || !cross || n.ownerShadowRoot === this.scope) return p;
    return n.ownerShadowRoot?.__wxHost;
  }

  private matchesCompound(c: Compound, n: ExNode): boolean {
    if (c.tag !== undefined && tagOf(n) !== c.tag) return false;
    if (c.ids.some((id) => n.id !== id)) return false;
    if (c.classes.some((cls) => !n.classList?.contains(cls))) return false;
    if (c.attributes.some((a) => !attributeMatches(a, n))) return false;
    for (const p of c.pseudos) {
      let siblings = siblingsOf(n, (m) => this.isElement(m));
      if (p.ofType) siblings = siblings.filter((s) => tagOf(s) === tagOf(n));
      const index = siblings.indexOf(n);
      const position = p.fromEnd ? siblings.length - index : index + 1;
      if (index < 0 || !nthMatches(p.nth, position)) return false;
    }
    return true;
  }
}

function wrap(n: ExNode): PageElement {
  if (n.__componentNode__) return n.__componentNode__;
  // j-component exports its root wrapper; the element wrapper is the class it extends.
  const Root = fromJComponent('./src/render/component') as new (...a: never[]) => unknown;
  const ElementWrapper = Object.getPrototypeOf(Root) as new (node: ExNode) => PageElement;
  return new ElementWrapper(n);
}

function tagOf(n: ExNode): string | undefined {
  return n._vt?.tagName?.toLowerCase();
}

/** The parent element in the same template: wx:for / wx:if blocks are transparent. */
function parentInTree(n: ExNode): ExNode | undefined {
  let p = n.parentNode;
  while (p && p.__virtual && p !== n.ownerShadowRoot) p = p.parentNode;
  return p && p !== n.ownerShadowRoot ? p : undefined;
}

/** The rendered siblings of `n` (itself included): the items of a wx:for list are siblings. */
function siblingsOf(n: ExNode, isElement: (m: unknown) => boolean): ExNode[] {
  let container = n.parentNode;
  while (container && container.__virtual && container !== n.ownerShadowRoot) container = container.parentNode;
  if (!container) return [n];
  const out: ExNode[] = [];
  const flatten = (p: ExNode): void => {
    for (const c of p.childNodes) {
      if (!isElement(c)) continue;
      if (c.__virtual) flatten(c);
      else out.push(c);
    }
  };
  flatten(container);
  return out;
}

function camel(s: string): string {
  return s.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/** The attribute's value as WXML set it: data-* from the dataset, properties under their camelCase names. */
function attributeValue(n: ExNode, name: string): string | undefined {
  const lower = name.toLowerCase();
  let v: unknown;
  if (lower.startsWith('data-') && n.dataset) v = n.dataset[camel(lower.slice(5))];
  else if (lower === 'id') v = n.id || undefined;
  else {
    const attrs = n._vt?.attrs ?? [];
    const wanted = new Set([name, lower, camel(lower)]);
    v = attrs.find((a) => wanted.has(a.name))?.value;
  }
  if (v === undefined || v === null) return undefined;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function attributeMatches(t: AttributeTest, n: ExNode): boolean {
  const v = attributeValue(n, t.name);
  if (v === undefined) return false;
  if (t.op === undefined || t.value === undefined) return true;
  const w = t.value;
  switch (t.op) {
    case '=':
      return v === w;
    case '~=':
      return v.split(/\s+/).includes(w);
    case '^=':
      return w !== '' && v.startsWith(w);
    case '$=':
      return w !== '' && v.endsWith(w);
    case '*=':
      return w !== '' && v.includes(w);
    case '|=':
      return v === w || v.startsWith(`${w}-`);
  }
}
