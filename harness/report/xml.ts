/**
 * Text made safe for XML 1.0. Markup characters are escaped; characters XML
 * 1.0 cannot hold at all (most C0 controls — ANSI colour codes in an error
 * message —, lone surrogates, U+FFFE/U+FFFF) are written as a visible `\xNN`
 * / `\uNNNN` so the report still parses and the reader still sees them.
 */
// Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function markup(s: string): string {
  return s.replace(INVALID, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For element content; a carriage return kept as a reference (a parser would turn it into a line feed). */
export function xmlText(s: string): string {
  return markup(s).replace(/\r/g, '&#13;');
}

/** For a double-quoted attribute value; tabs and line breaks kept as references (a parser would fold them to spaces). */
export function xmlAttr(s: string): string {
  return markup(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
