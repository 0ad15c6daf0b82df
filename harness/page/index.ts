export { PageRuntime, LoadedPage, PageLoadError, cloneData } from './page-runtime';
export { claimGlobals } from './globals';
export { SelectorError, parseSelector } from './selector';
export { AppConfigError } from './app-config';
export type { ModuleScope } from './modules';
export type { PageHooks, PageRuntimeOptions, PluginResolver, DeclaredPlugins } from './page-runtime';
export type { PageElement } from './element-query';
