export { PageRuntime, LoadedPage, PageLoadError, cloneData } from './page-runtime';
export type { PageHooks, PageRuntimeOptions } from './page-runtime';
