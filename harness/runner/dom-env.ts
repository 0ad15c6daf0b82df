/**
 * The CLI and the benchmarks run outside jest, under plain Node: give
 * miniprogram-simulate the DOM it expects (jest's jsdom environment does the
 * same for tests). Returns a function that takes it away again.
 */
export function installDom(): () => void {
  // Loaded on demand: jsdom needs Node globals (TextEncoder) that a jsdom test realm lacks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM } = require('jsdom') as typeof import('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  const g = globalThis as Record<string, unknown>;
  const added: string[] = [];
  const saved = new Map<string, unknown>();
  // Node has its own Event classes; jsdom only accepts its own in dispatchEvent.
  for (const key of ['Event', 'CustomEvent', 'EventTarget']) {
    saved.set(key, g[key]);
    g[key] = (dom.window as unknown as Record<string, unknown>)[key];
  }
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (key in g) continue;
    try {
      g[key] = (dom.window as unknown as Record<string, unknown>)[key];
      added.push(key);
    } catch {
      /* read-only on this realm */
    }
  }
  g.window = dom.window;
  g.document = dom.window.document;
  return () => {
    for (const k of added) delete g[k];
    for (const [k, v] of saved) g[k] = v;
    dom.window.close();
  };
}
