export { findBrowser, BrowserNotFoundError, BROWSER_REMEDY, PATH_NAMES } from './find-browser';
export type { FoundBrowser, BrowserSource, FindBrowserOptions } from './find-browser';
export { launchBrowser, browserVersion, BrowserLaunchError } from './launch-browser';
export type { LaunchedBrowser, LaunchBrowserOptions } from './launch-browser';
export { BrowserViewer, BrowserViewerError } from './browser-viewer';
export type { BrowserViewerOptions, ViewerEntry } from './browser-viewer';
export { ViewerPath } from './viewer-path';
export type { ViewerPathOptions } from './viewer-path';
