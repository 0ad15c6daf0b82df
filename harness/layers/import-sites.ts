/**
 * Every place a source file names another module, read from its syntax tree
 * (not by pattern), so that comments and strings never count and no import
 * form slips through: `import … from`, `export … from`, `import 'x'`,
 * `import('x')`, `require('x')`, `require.resolve('x')`, `import x = require('x')`,
 * the `import('x')` of a type position and jest's module calls (`jest.mock('x')` …).
 */
import ts from 'typescript';

export type ImportForm = 'import' | 'export' | 'side-effect' | 'dynamic' | 'require' | 'require.resolve' | 'import-equals' | 'type-query' | 'jest.mock';

export interface ImportSite {
  /** The module named, or undefined when it is computed at run time (`require(path)`). */
  readonly specifier: string | undefined;
  readonly form: ImportForm;
  /** True when the import is erased from the emitted JavaScript: `import type`, `export type`, all-`type` specifiers, type positions. */
  readonly typeOnly: boolean;
  /** 1-based. */
  readonly line: number;
  /** The source text of the import, trimmed to one line, for messages. */
  readonly text: string;
}

/** jest's calls that name a module. */
const JEST_MODULE_CALLS = new Set(['mock', 'doMock', 'unmock', 'dontMock', 'setMock', 'requireActual', 'requireMock', 'createMockFromModule']);

function scriptKind(file: string): ts.ScriptKind {
  if (/\.(c|m)?js$/.test(file)) return ts.ScriptKind.JS;
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  return ts.ScriptKind.TS;
}

function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function allTypes(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

/** The import sites of one file, in source order. */
export function importSites(file: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, specifier: string | undefined, form: ImportForm, typeOnly: boolean) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    sites.push({ specifier, form, typeOnly, line, text: node.getText(source).replace(/\s+/g, ' ').slice(0, 160) });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && allTypes(named.elements)));
      add(node, literal(node.moduleSpecifier), clause ? 'import' : 'side-effect', typeOnly);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier) {
        const clause = node.exportClause;
        const typeOnly = node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && allTypes(clause.elements));
        add(node, literal(node.moduleSpecifier), 'export', typeOnly);
      }
      return;
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, literal(node.moduleReference.expression), 'import-equals', node.isTypeOnly);
      return;
    }
    if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      add(node, ts.isLiteralTypeNode(arg) ? literal(arg.literal) : undefined, 'type-query', true);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const first = node.arguments[0];
      if (callee.kind === ts.SyntaxKind.ImportKeyword) add(node, literal(first), 'dynamic', false);
      else if (ts.isIdentifier(callee) && callee.text === 'require' && node.arguments.length === 1) add(node, literal(first), 'require', false);
      else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const object = callee.expression.text;
        const method = callee.name.text;
        if (object === 'require' && method === 'resolve') add(node, literal(first), 'require.resolve', false);
        else if (object === 'jest' && JEST_MODULE_CALLS.has(method)) add(node, literal(first), 'jest.mock', false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}
