/**
 * What differs between real WeChat clients. Codes and attributes the
 * reference sheet ties to a platform or a base-library version are gated here.
 */
export type Platform = 'ios' | 'android';

export interface ClientProfile {
  readonly platform: Platform;
  /** WeChat base library (基础库) version, e.g. '3.5.0'. */
  readonly baseLibrary: string;
}

export const DEFAULT_CLIENT: ClientProfile = Object.freeze({ platform: 'ios', baseLibrary: '3.5.0' });

export function resolveClient(input?: Partial<ClientProfile>): ClientProfile {
  const c = { ...DEFAULT_CLIENT, ...(input ?? {}) };
  if (c.platform !== 'ios' && c.platform !== 'android') {
    throw new Error(`[live-harness] Failed to configure the client: platform "${String(c.platform)}" is not known. Use 'ios' or 'android'.`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(c.baseLibrary)) {
    throw new Error(`[live-harness] Failed to configure the client: baseLibrary "${c.baseLibrary}" is not a version. Use the form '2.10.0'.`);
  }
  return c;
}

/** -1 / 0 / 1 like a comparator, for dotted versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function supports(client: ClientProfile, since: string | undefined): boolean {
  return since === undefined || compareVersions(client.baseLibrary, since) >= 0;
}
