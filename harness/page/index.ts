export { PageRuntime, LoadedPage, PageLoadError, cloneData } from './page-runtime';
export { claimGlobals } from './globals';
export type { ModuleScope } from './modules';
export type { PageHooks, PageRuntimeOptions } from './page-runtime';
