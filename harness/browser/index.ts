export { findBrowser, BrowserNotFoundError, BROWSER_REMEDY, PATH_NAMES } from './find-browser';
export type { FoundBrowser, BrowserSource, FindBrowserOptions } from './find-browser';
export { launchBrowser, browserVersion, BrowserLaunchError } from './launch-browser';
export type { LaunchedBrowser, LaunchBrowserOptions } from './launch-browser';
