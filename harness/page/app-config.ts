/**
 * The mini-program's app.json, as far as the page runtime obeys it: which
 * routes exist. The WeChat client opens only pages listed in "pages" or in a
 * subpackage's "pages" (under its "root"); navigateTo to any other route fails
 * (`navigateTo:fail page "pages/x/x" is not found`) and a launch path outside the list
 * does not start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class AppConfigError extends Error {
  readonly code = 'LH_APP_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'AppConfigError';
  }
}

interface SubpackageJson {
  readonly root?: unknown;
  readonly pages?: unknown;
}

export interface AppConfig {
  /** every route the client can open: main package pages, then subpackage pages with their root */
  readonly routes: ReadonlySet<string>;
  /** the routes of "tabBar"."list": switchTab opens only these, and they stay alive when another tab is shown */
  readonly tabs: ReadonlySet<string>;
}

/** Read `<rootPath>/app.json`; `action` names what the caller was doing, for the error. */
export function readAppConfig(rootPath: string, action: string): AppConfig {
  const file = join(rootPath, 'app.json');
  if (!existsSync(file))
    throw new AppConfigError(
      `[live-harness] Failed to ${action}: ${file} not found. Point miniprogramRoot at the folder that holds app.json (the WeChat client does not start without it).`,
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppConfigError(`[live-harness] Failed to ${action}: ${file} is not valid JSON (${(e as Error).message}). Fix app.json.`);
  }
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  if (!isStringArray(o.pages))
    throw new AppConfigError(
      `[live-harness] Failed to ${action}: ${file} has no "pages" list. Add "pages": ["pages/index/index", …] as the WeChat client requires.`,
    );
  const routes = new Set(o.pages.map(normalize));
  // Both spellings are accepted by the client.
  const subpackages = (o.subpackages ?? o.subPackages ?? []) as unknown;
  if (Array.isArray(subpackages)) {
    for (const sp of subpackages as SubpackageJson[]) {
      if (!sp || typeof sp.root !== 'string' || !isStringArray(sp.pages)) continue;
      const root = normalize(sp.root);
      for (const p of sp.pages) routes.add(`${root}/${normalize(p)}`);
    }
  }
  const tabBar = (o.tabBar && typeof o.tabBar === 'object' ? o.tabBar : {}) as { list?: unknown };
  const tabs = new Set<string>();
  if (Array.isArray(tabBar.list))
    for (const item of tabBar.list as Array<{ pagePath?: unknown }>) if (item && typeof item.pagePath === 'string') tabs.add(normalize(item.pagePath));
  return { routes, tabs };
}

function normalize(route: string): string {
  return route.replace(/^\/+|\/+$/g, '');
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
