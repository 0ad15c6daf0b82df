import type { ConnectionTags, ToxicSpec } from '../network';

/**
 * A rig's real streams as an outside reader sees them: the server's
 * endpoints, and the URL at which each of this rig's stream keys can be
 * played or published by something that is not a page of the rig — a
 * browser, ffprobe, a phone. Each frame carries its capture time in-band
 * (docs/in-band-clock.md), so such a reader can measure its own latency.
 */
import type { LanBinding } from './media-session';

export interface MediaEndpoints {
  /** `rtmp://127.0.0.1:<port>` */
  readonly rtmp: string;
  /** `http://127.0.0.1:<port>` (HTTP-FLV) */
  readonly httpFlv: string;
  /** one line: which server this is */
  readonly describe: string;
  /** an external server named explicitly (LIVE_HARNESS_SERVER or an endpoint), not the embedded one */
  readonly external: boolean;
}

export interface StreamUrls {
  /** the key as the page names it: `live/abc` */
  readonly key: string;
  /** the path the server knows it by (this rig's namespace included) */
  readonly serverPath: string;
  /** push and play over RTMP (with `?sign=` when the server is signed) */
  readonly rtmp: string;
  /** play over HTTP-FLV (with `?sign=` when the server is signed) */
  readonly httpFlv: string;
  /** when the sign in these URLs expires, wall ms; absent on an unsigned server */
  readonly expiresAtMs?: number;
}

/** Where the phone's connections really go: the fault proxy in front of the server. */
export interface ProxyAccess {
  /** the proxy's routes on loopback: `{ rtmp: { host, port }, 'http-flv': { host, port } }` */
  readonly endpoints: Readonly<Record<string, { readonly host: string; readonly port: number }>>;
  /** add a toxic at run time (docs/faults.md, "Toxics"); returns its name */
  addToxic(toxic: ToxicSpec): string;
  removeToxic(name: string): void;
  /** the toxics in place */
  toxics(): readonly (ToxicSpec & { readonly name: string })[];
  /**
   * Name the connection coming from `address:port` (its client end) for toxics' `match`: how a
   * participant that is not a page of the rig (a browser viewer) gets a path a fault can target alone.
   */
  tag(address: string, port: number, tags: ConnectionTags): void;
}

export interface MediaAccess {
  /** the fault proxy the phone's connections go through; undefined until the rig is ready */
  readonly proxy: ProxyAccess | undefined;
  /** this rig's stream namespace on the server: another rig given the same one sees the same streams */
  readonly namespace: string;
  /** undefined until the rig is ready (the server is chosen in ready()) */
  readonly endpoints: MediaEndpoints | undefined;
  /** Where a phone reaches the server, when the rig was asked to serve the LAN (`media: { lan }`); undefined otherwise or before ready(). */
  readonly lan: LanBinding | undefined;
  /** URLs of a stream key, or of any page URL of it (`rtmp://x.livepush.myqcloud.com/live/abc?…`); signed (freshly) when the server is */
  urls(keyOrUrl: string): StreamUrls;
  /** The lines printed for a phone: the server, the firewall ports, and the signed URLs of these keys. */
  phoneLines(keysOrUrls?: readonly string[]): string[];
}
