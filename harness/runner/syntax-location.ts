/**
 * Where a module that does not parse goes wrong: line and column (from 1),
 * whichever compiler refused it. esbuild (tsx, under plain Node) and swc
 * (jest's transform) put the place in their message; V8 puts it in the stack
 * of the SyntaxError, which jest replaces, so a .js file is compiled again
 * here to ask V8 itself.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { compileFunction } from 'node:vm';

export interface SyntaxLocation {
  readonly line: number;
  readonly column: number;
  /** what the compiler said, on one line */
  readonly reason: string;
  /** the source line, trimmed */
  readonly lineText?: string;
}

/** undefined when the error is not the file failing to parse (a throw while it runs, a missing import …). */
export function syntaxLocation(file: string, error: unknown): SyntaxLocation | undefined {
  // Not `instanceof Error`: under jest, the compiler's errors come from another realm.
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  const at = fromEsbuild(file, message) ?? fromSwc(file, message) ?? (isSyntaxError(error) && /\.c?js$/.test(extname(file)) ? fromV8(file) : undefined);
  if (!at) return undefined;
  const lineText = sourceLine(file, at.line);
  return lineText ? { ...at, lineText } : at;
}

// "Transform failed with 1 error:\n/x/a.scenario.ts:4:0: ERROR: Unexpected end of file" (columns from 0)
function fromEsbuild(file: string, message: string): SyntaxLocation | undefined {
  for (const m of message.matchAll(/^(.+):(\d+):(\d+): ERROR: (.+)$/gm))
    if (m[1] === file) return { line: Number(m[2]), column: Number(m[3]) + 1, reason: m[4].trim() };
  return undefined;
}

/*
 * "  x Unexpected token `,`. …\n   ,-[/x/a.scenario.ts:3:1]\n 2 |   name: 'broken',\n 3 |   setup: {},,\n   :             ^\n"
 * The caret under a numbered source line marks the place; without one (the
 * end of the file) the header's line:column does (columns from 1).
 */
function fromSwc(file: string, message: string): SyntaxLocation | undefined {
  const m = /^\s*x (.+)\n\s*,-\[(.+):(\d+):(\d+)\]$/m.exec(message);
  if (!m || m[2] !== file) return undefined;
  const reason = m[1].trim();
  const snippet = message.slice(m.index + m[0].length).split('\n');
  for (let i = 1; i < snippet.length; i++) {
    const source = /^(\s*(\d+) \| )/.exec(snippet[i - 1]);
    const caret = snippet[i].indexOf('^');
    if (source && /^\s*: /.test(snippet[i]) && caret >= 0) return { line: Number(source[2]), column: caret - source[1].length + 1, reason };
  }
  return { line: Number(m[3]), column: Number(m[4]), reason };
}

function isSyntaxError(e: unknown): boolean {
  // By name: an error from jest's module registry comes from another realm.
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'SyntaxError';
}

// V8 heads the stack with "<file>:<line>\n<source line>\n<spaces>^^^" (no caret when the line is empty).
function fromV8(file: string): SyntaxLocation | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    // As Node's CommonJS loader compiles a module: the body of a function with these parameters.
    compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
    return undefined;
  } catch (e) {
    const stack = typeof e === 'object' && e !== null && 'stack' in e ? String(e.stack) : '';
    const head = stack.startsWith(`${file}:`) ? /^.*:(\d+)\n.*\n( *)(\^*)/.exec(stack) : null;
    const reason = /^SyntaxError: (.*)$/m.exec(stack)?.[1];
    if (!head || !reason) return undefined;
    return { line: Number(head[1]), column: head[3] ? head[2].length + 1 : 1, reason };
  }
}

function sourceLine(file: string, line: number): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').split(/\r?\n/)[line - 1]?.trim();
    return text ? (text.length > 80 ? `${text.slice(0, 77)}…` : text) : undefined;
  } catch {
    return undefined;
  }
}
