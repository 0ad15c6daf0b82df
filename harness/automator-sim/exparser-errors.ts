/**
 * Uncaught errors of page code that exparser catches (a bind* handler, an
 * observer, a lifetime that threw): WeChat reports them as the app's
 * exceptions, which the automation protocol sends as App.exceptionThrown.
 */
import { createRequire } from 'node:module';

interface Exparser {
  addGlobalErrorListener(fn: (e: unknown) => unknown): void;
  removeGlobalErrorListener(fn: (e: unknown) => unknown): void;
}

/** Listen while the server runs; returns the function that stops listening. */
export function exparserErrors(onError: (e: unknown) => void): () => void {
  // Reached as miniprogram-simulate reaches it, so that it is the instance that renders the pages.
  const simulate = createRequire(createRequire(__filename).resolve('miniprogram-simulate'));
  const jComponent = createRequire(simulate.resolve('j-component'));
  const exparser = jComponent('miniprogram-exparser') as Exparser;
  const listener = (e: unknown): void => onError(e);
  exparser.addGlobalErrorListener(listener);
  return () => exparser.removeGlobalErrorListener(listener);
}
