/**
 * The mini-program's module system: every JS file of the app (pages,
 * components, utils, npm packages) runs as a CommonJS module with the app
 * service's globals in scope — `wx`, `Page`, `Component`, `getApp`, timers —
 * as the WeChat client provides them. Each page runtime has its own scope and
 * its own module cache, so two rigs never share a `wx`, a clock or a module.
 */
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, extname } from 'node:path';

/** Names a module sees as globals, and their values (read when the module runs). */
export type ModuleScope = () => Readonly<Record<string, unknown>>;

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

export class MiniProgramModules {
  private readonly cache = new Map<string, { exports: unknown }>();

  constructor(private readonly scope: ModuleScope) {}

  /** Run a page's or component's own file afresh: the client runs it once per registration. */
  run(path: string): void {
    const file = path.endsWith('.js') ? path : `${path}.js`;
    this.execute(file, { exports: {} });
  }

  /**
   * The value of an expression (a function's source, as an automation client
   * sends it) compiled with the app service's globals in scope, as code the
   * mini-program itself holds would see them.
   */
  compile(expression: string): unknown {
    const scope = this.scope();
    const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    const fn = new Function(...names, `return (${expression}\n);`) as (...a: unknown[]) => unknown;
    return fn(...names.map((n) => scope[n]));
  }

  /** `require()` as a mini-program module sees it: app files share one instance each, per runtime. */
  private requireFrom(parent: string): NodeJS.Require {
    const nodeRequire = createRequire(parent);
    const req = ((id: string): unknown => {
      if (BUILTINS.has(id)) return nodeRequire(id);
      const file = nodeRequire.resolve(id);
      const ext = extname(file);
      if (ext === '.json') return JSON.parse(readFileSync(file, 'utf8'));
      if (ext !== '.js' && ext !== '.cjs') return nodeRequire(file);
      const hit = this.cache.get(file);
      if (hit) return hit.exports;
      const mod = { exports: {} as unknown };
      this.cache.set(file, mod);
      try {
        this.execute(file, mod);
      } catch (e) {
        this.cache.delete(file);
        throw e;
      }
      return mod.exports;
    }) as NodeJS.Require;
    return Object.assign(req, { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: nodeRequire.main, extensions: nodeRequire.extensions });
  }

  private execute(file: string, mod: { exports: unknown }): void {
    const code = readFileSync(file, 'utf8');
    const scope = this.scope();
    const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    // The scope's names shadow Node's globals inside the module, as the client's app service would.
    const fn = new Function('require', 'module', 'exports', '__filename', '__dirname', ...names, `${code}\n//# sourceURL=${file}`) as (...a: unknown[]) => void;
    fn(this.requireFrom(file), mod, mod.exports, file, dirname(file), ...names.map((n) => scope[n]));
  }
}
