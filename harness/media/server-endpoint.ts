/**
 * Where real media goes: the embedded node-media-server (events and kicks
 * over IPC), or an external RTMP server named by LIVE_HARNESS_SERVER (SRS, a
 * cloud ingest), which the rig can only publish to and play from.
 */
import { urlHost } from './lan';
import type { ServerEvent, StartedMediaServer } from './media-server';

export interface ServerEndpoint {
  readonly rtmpBase: string;
  readonly flvBase: string;
  /** one line for reports and errors */
  readonly describe: string;
  /** close the sessions of a stream path; absent when the server takes no orders */
  readonly kick?: (streamPath: string) => Promise<number>;
  /** publish/play begin and end, when the server reports them */
  readonly onEvent?: (listener: (e: ServerEvent) => void) => () => void;
  /**
   * The `sign` query value for a stream path (`/live/abc`), made now, when the
   * server wants signed URLs (node-media-server's auth): every client of the
   * rig then connects with one.
   */
  readonly sign?: (streamPath: string) => string;
}

export class ServerEndpointError extends Error {
  readonly code = 'LH_SERVER_ENDPOINT';
}

export function localEndpoint(server: StartedMediaServer): ServerEndpoint {
  const host = urlHost(server.host);
  return {
    rtmpBase: `rtmp://${host}:${server.rtmpPort}`,
    flvBase: `http://${host}:${server.httpPort}`,
    describe: `the embedded node-media-server ${server.version} (pid ${server.pid}, RTMP ${host}:${server.rtmpPort}, HTTP ${host}:${server.httpPort}${server.signed ? ', signed URLs' : ''})`,
    kick: (streamPath) => server.kick(streamPath),
    onEvent: (l) => server.onEvent(l),
    ...(server.signed ? { sign: (streamPath: string) => server.sign(streamPath) as string } : {}),
  };
}

/**
 * `LIVE_HARNESS_SERVER=rtmp://host[:port]` (and optionally
 * `LIVE_HARNESS_SERVER_FLV=http://host[:port]`, default port 8080 on the same
 * host, as SRS serves HTTP-FLV).
 */
export function externalEndpoint(rtmp: string, flv?: string): ServerEndpoint {
  const r = /^rtmp:\/\/([^/:?#\s]+)(?::(\d+))?\/?$/i.exec(rtmp.trim());
  if (!r) {
    throw new ServerEndpointError(
      `[live-harness] Failed to use the external server: LIVE_HARNESS_SERVER=${JSON.stringify(rtmp)} is not rtmp://host[:port]. Set it like rtmp://192.168.1.20:1935, or unset it to use the embedded server.`,
    );
  }
  const host = r[1];
  const flvBase = (flv ?? `http://${host}:8080`).trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+$/i.test(flvBase)) {
    throw new ServerEndpointError(
      `[live-harness] Failed to use the external server: LIVE_HARNESS_SERVER_FLV=${JSON.stringify(flv)} is not http://host[:port]. Set it to the server's HTTP-FLV origin, e.g. http://${host}:8080.`,
    );
  }
  const rtmpBase = `rtmp://${host}:${r[2] ?? '1935'}`;
  return { rtmpBase, flvBase, describe: `the external server ${rtmpBase} (HTTP-FLV ${flvBase})` };
}

/** The endpoint the environment asks for, if any. */
export function endpointFromEnv(env: NodeJS.ProcessEnv = process.env): ServerEndpoint | undefined {
  const rtmp = env.LIVE_HARNESS_SERVER;
  if (!rtmp) return undefined;
  return externalEndpoint(rtmp, env.LIVE_HARNESS_SERVER_FLV || undefined);
}
