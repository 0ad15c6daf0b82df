/**
 * The shape of a layering: which folders are layers, and what each folder's
 * files may import. One table, read by the checker; the project's own is in
 * allow-list.ts (the DEPS.list files of Playwright, gathered in one place so
 * that a folder can have its entry before it exists).
 */

/**
 * What the files of one folder may import.
 *
 * An item is a project folder ('mocks/link': the files directly in it; a
 * sub-folder needs an item of its own), a project file ('mocks/link/types.ts'),
 * a node builtin ('node:fs' with its sub-paths, 'node:*' for all) or an npm
 * package ('node-media-server' with its sub-paths). A folder may always import
 * its own files. An item with one segment ('jest') names the folder and the
 * package alike.
 */
export interface FolderRule {
  /** Imported as values or as types. */
  readonly imports: readonly string[];
  /**
   * Imported as types only (`import type`, `export type`, `import { type X }`,
   * `typeof import('x')`). A type import is checked like a value import
   * (it couples the layers at compile time: a change there breaks the build
   * here), so a layer reached only for its types is listed here, and a value
   * import from it is an offence: it would load that layer at run time.
   */
  readonly types?: readonly string[];
  /** What the folder's tests (`*.test.ts`, `*.dom.test.ts`) may import besides. */
  readonly tests?: readonly string[];
  /** Why files here load modules by a name computed at run time (`require(path)`); without it, that is an offence. */
  readonly computed?: string;
  /** Layers whose files this folder reaches past their index: known breaches, each to be fixed (say which issue in a comment). */
  readonly pastIndex?: readonly string[];
}

export interface LayerRules {
  /** Where these rules are written, for messages ('harness/layers/allow-list.ts'). */
  readonly source?: string;
  /** Folders whose sub-folders are layers each ('mocks' → mocks/link, mocks/model …); any other top-level folder is one layer. */
  readonly groups: readonly string[];
  /** Files of a layer besides its index.ts that other layers may import: a second public surface, such as the link's contract. */
  readonly surfaces?: Readonly<Record<string, readonly string[]>>;
  /** Directory names never walked (dependencies, builds, mini-program fixtures). */
  readonly skip: readonly string[];
  /**
   * Folder → rule; '.' is the root. A key may also name one file, whose rule
   * then replaces its folder's for that file. An entry for a folder that does
   * not exist yet is allowed: folders get their rules before their code.
   */
  readonly folders: Readonly<Record<string, FolderRule>>;
}
