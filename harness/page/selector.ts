/**
 * The selector grammar of a page handle: what exparser (miniprogram-simulate's
 * querySelector) understands — `#id`, `.class`, descendants, `>` children,
 * `>>>` across components, `a, b` lists — plus what a test needs and exparser
 * lacks: WXML tags (`button`, `live-player`), attributes (`[data-id="3"]`),
 * and the structural pseudo-classes that pick the n-th item of a `wx:for` list.
 */
import { nearest } from '../../mocks/model';

export type Combinator = ' ' | '>' | '>>>';

export type AttributeOperator = '=' | '~=' | '^=' | '$=' | '*=' | '|=';

export interface AttributeTest {
  readonly name: string;
  readonly op?: AttributeOperator;
  readonly value?: string;
}

/** `an+b`: matches the 1-based positions a·k + b for some k ≥ 0. */
export interface Nth {
  readonly a: number;
  readonly b: number;
}

export interface PseudoTest {
  readonly name: string;
  readonly nth: Nth;
  /** count only siblings with the same tag (…-of-type) */
  readonly ofType: boolean;
  /** count from the last sibling (nth-last-…, last-…) */
  readonly fromEnd: boolean;
}

export interface Compound {
  /** a WXML tag name, lower case; undefined or '*' for any */
  readonly tag?: string;
  readonly ids: readonly string[];
  readonly classes: readonly string[];
  readonly attributes: readonly AttributeTest[];
  readonly pseudos: readonly PseudoTest[];
}

/** Compounds left to right; `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`. */
export interface ComplexSelector {
  readonly compounds: readonly Compound[];
  readonly combinators: readonly Combinator[];
}

export type SelectorList = readonly ComplexSelector[];

export class SelectorError extends Error {
  readonly code = 'LH_SELECTOR';
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

const NTH_PSEUDOS = ['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type'] as const;
const PLAIN_PSEUDOS: Readonly<Record<string, Omit<PseudoTest, 'name'>>> = {
  'first-child': { nth: { a: 0, b: 1 }, ofType: false, fromEnd: false },
  'last-child': { nth: { a: 0, b: 1 }, ofType: false, fromEnd: true },
  'first-of-type': { nth: { a: 0, b: 1 }, ofType: true, fromEnd: false },
  'last-of-type': { nth: { a: 0, b: 1 }, ofType: true, fromEnd: true },
};
const PSEUDO_NAMES = [...NTH_PSEUDOS, ...Object.keys(PLAIN_PSEUDOS), 'only-child', 'only-of-type'];

export const SUPPORTED_SELECTORS =
  'Supported: tag (button, live-player), #id, .class, [attr], [attr="value"] (also ~= ^= $= *= |=), ' +
  ':nth-child(2), :nth-of-type(2n+1), :nth-last-child(), :nth-last-of-type(), :first-child, :last-child, :first-of-type, :last-of-type, :only-child, :only-of-type, ' +
  'descendants (.list .item), children (.list > .item), across components (.card >>> .title), and lists (a, b).';

const IDENT = /[A-Za-z_\u00a0-\uffff-][\w\u00a0-\uffff-]*/y;

/** Parse a selector; throws SelectorError naming the column and the fix. */
export function parseSelector(text: string): SelectorList {
  return new Parser(text).list();
}

/** Whether exparser's own querySelector understands every part of `list` (ids, classes, combinators only). */
export function isExparserSelector(list: SelectorList): boolean {
  return list.every((c) => c.compounds.every((p) => p.tag === undefined && p.attributes.length === 0 && p.pseudos.length === 0));
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  list(): SelectorList {
    const out: ComplexSelector[] = [];
    this.space();
    if (this.pos >= this.text.length) this.fail('it is empty', 'Give a selector such as "#start", ".item" or "button".');
    for (;;) {
      out.push(this.complex());
      this.space();
      if (this.pos >= this.text.length) return out;
      if (this.text[this.pos] !== ',') this.fail(`unexpected ${JSON.stringify(this.text[this.pos])}`);
      this.pos++;
      this.space();
    }
  }

  private complex(): ComplexSelector {
    const compounds: Compound[] = [this.compound()];
    const combinators: Combinator[] = [];
    for (;;) {
      const hadSpace = this.space();
      const c = this.text.startsWith('>>>', this.pos) ? '>>>' : this.text[this.pos] === '>' ? '>' : undefined;
      if (c) {
        this.pos += c.length;
        this.space();
        combinators.push(c);
        compounds.push(this.compound());
      } else if (hadSpace && this.pos < this.text.length && this.text[this.pos] !== ',') {
        combinators.push(' ');
        compounds.push(this.compound());
      } else {
        return { compounds, combinators };
      }
    }
  }

  private compound(): Compound {
    const start = this.pos;
    let tag: string | undefined;
    const ids: string[] = [];
    const classes: string[] = [];
    const attributes: AttributeTest[] = [];
    const pseudos: PseudoTest[] = [];
    if (this.text[this.pos] === '*') {
      this.pos++;
      tag = '*';
    } else if (this.peekIdent()) {
      tag = this.ident('a tag').toLowerCase();
    }
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '#') {
        this.pos++;
        ids.push(this.ident('an id after "#"'));
      } else if (ch === '.') {
        this.pos++;
        classes.push(this.ident('a class after "."'));
      } else if (ch === '[') {
        attributes.push(this.attribute());
      } else if (ch === ':') {
        pseudos.push(...this.pseudo());
      } else break;
    }
    if (this.pos === start) {
      const what = this.pos >= this.text.length ? 'it ends where a selector is expected' : `unexpected ${JSON.stringify(this.text[this.pos])}`;
      this.fail(what);
    }
    return { tag: tag === '*' ? undefined : tag, ids, classes, attributes, pseudos };
  }

  private attribute(): AttributeTest {
    this.pos++; // [
    this.space();
    const name = this.ident('an attribute name after "["');
    this.space();
    const m = /(~=|\^=|\$=|\*=|\|=|=)/y;
    m.lastIndex = this.pos;
    const op = m.exec(this.text)?.[1] as AttributeOperator | undefined;
    let value: string | undefined;
    if (op) {
      this.pos += op.length;
      this.space();
      value = this.value();
      this.space();
    }
    if (this.text[this.pos] !== ']') this.fail(`the attribute test [${name}… is not closed`, 'Write [name] or [name="value"].');
    this.pos++;
    return op ? { name, op, value } : { name };
  }

  private value(): string {
    const q = this.text[this.pos];
    if (q === '"' || q === "'") {
      const end = this.text.indexOf(q, this.pos + 1);
      if (end < 0) this.fail(`the string starting with ${q} is not closed`);
      const v = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return v;
    }
    const m = /[^\s\]]+/y;
    m.lastIndex = this.pos;
    const v = m.exec(this.text)?.[0];
    if (!v) this.fail('an attribute value is missing after the operator', 'Write [name="value"].');
    this.pos += v.length;
    return v;
  }

  private pseudo(): PseudoTest[] {
    const at = this.pos;
    this.pos++; // :
    const name = this.ident('a pseudo-class after ":"').toLowerCase();
    if (name in PLAIN_PSEUDOS) return [{ name, ...PLAIN_PSEUDOS[name] }];
    if (name === 'only-child' || name === 'only-of-type') {
      // The only one: first and last at once.
      const ofType = name === 'only-of-type';
      return [
        { name, nth: { a: 0, b: 1 }, ofType, fromEnd: false },
        { name, nth: { a: 0, b: 1 }, ofType, fromEnd: true },
      ];
    }
    if ((NTH_PSEUDOS as readonly string[]).includes(name)) {
      if (this.text[this.pos] !== '(') this.fail(`:${name} needs an argument`, `Write :${name}(2), :${name}(odd) or :${name}(2n+1).`);
      const end = this.text.indexOf(')', this.pos);
      if (end < 0) this.fail(`:${name}( is not closed`, `Write :${name}(2).`);
      const arg = this.text.slice(this.pos + 1, end);
      const nth = parseNth(arg);
      if (!nth) this.fail(`"${arg.trim()}" is not a position`, `Write :${name}(2), :${name}(odd), :${name}(even) or :${name}(2n+1); positions count from 1.`);
      this.pos = end + 1;
      return [{ name, nth, ofType: name.endsWith('of-type'), fromEnd: name.includes('-last-') }];
    }
    this.pos = at;
    const guess = nearest(name, PSEUDO_NAMES);
    this.fail(`":${name}" is not a supported pseudo-class`, guess ? `Did you mean ":${guess}"? ${SUPPORTED_SELECTORS}` : undefined);
  }

  private peekIdent(): boolean {
    IDENT.lastIndex = this.pos;
    return IDENT.test(this.text);
  }

  private ident(what: string): string {
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.text);
    if (!m) this.fail(`${what} is missing`);
    this.pos += m[0].length;
    return m[0];
  }

  private space(): boolean {
    const start = this.pos;
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
    return this.pos > start;
  }

  private fail(reason: string, remedy: string = SUPPORTED_SELECTORS): never {
    throw new SelectorError(`[live-harness] Failed to parse selector ${JSON.stringify(this.text)}: ${reason} at column ${this.pos + 1}. ${remedy}`);
  }
}

function parseNth(raw: string): Nth | undefined {
  const s = raw.replace(/\s+/g, '').toLowerCase();
  if (s === 'odd') return { a: 2, b: 1 };
  if (s === 'even') return { a: 2, b: 0 };
  if (/^[+-]?\d+$/.test(s)) return { a: 0, b: Number(s) };
  const m = /^([+-]?\d*)n([+-]\d+)?$/.exec(s);
  if (!m) return undefined;
  const a = m[1] === '' || m[1] === '+' ? 1 : m[1] === '-' ? -1 : Number(m[1]);
  return { a, b: m[2] ? Number(m[2]) : 0 };
}

/** Whether the 1-based `position` is one of a·k + b (k ≥ 0). */
export function nthMatches(nth: Nth, position: number): boolean {
  if (nth.a === 0) return position === nth.b;
  const k = (position - nth.b) / nth.a;
  return Number.isInteger(k) && k >= 0;
}
