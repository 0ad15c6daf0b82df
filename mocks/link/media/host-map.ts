/**
 * Where the hosts of the page's URLs lead. Pages keep their real URLs
 * (`rtmp://1234.livepush.myqcloud.com/live/abc?txSecret=…`); a host in the
 * map resolves to the rig's endpoint — its fault proxy, once bound — and any
 * other fails as DNS does (3001).
 */
import type { WireEndpoint } from './wire';

/** Where a host resolves: an endpoint, or 'server' (straight to the transport's server, when no proxy is bound). */
export type HostRoute = WireEndpoint | 'server';

export const DEFAULT_HOSTS: readonly string[] = Object.freeze(['*.livepush.myqcloud.com', '*.liveplay.myqcloud.com', 'localhost', '127.0.0.1']);

export class HostMapError extends Error {
  readonly code = 'LH_HOST_MAP';
  constructor(pattern: unknown) {
    super(
      `[live-harness] Failed to read the host map: ${JSON.stringify(pattern)} is not a host name or a "*.domain" pattern. ` +
        'Pass hosts such as "push.example.com" or "*.livepush.myqcloud.com" (no scheme, port or path).',
    );
    this.name = 'HostMapError';
  }
}

const HOST = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/i;

export class HostMap {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];

  constructor(readonly patterns: readonly string[] = DEFAULT_HOSTS) {
    for (const raw of patterns) {
      if (typeof raw !== 'string' || !HOST.test(raw.trim())) throw new HostMapError(raw);
      const p = raw.trim().toLowerCase();
      if (p.startsWith('*.')) this.suffixes.push(p.slice(1));
      else this.exact.add(p);
    }
  }

  private bound: WireEndpoint | undefined;

  /** Send every mapped host to this endpoint (the rig's fault proxy) from now on. */
  bind(endpoint: WireEndpoint): void {
    this.bound = endpoint;
  }

  /** Where a host leads; undefined when it is not in the map (the lookup fails). */
  resolve(host: string): HostRoute | undefined {
    const h = host.toLowerCase().replace(/:\d+$/, '');
    const known = this.exact.has(h) || this.suffixes.some((s) => h.endsWith(s) && h.length > s.length);
    return known ? (this.bound ?? 'server') : undefined;
  }

  /** Whether a host resolves at all. */
  resolves(host: string): boolean {
    return this.resolve(host) !== undefined;
  }
}
