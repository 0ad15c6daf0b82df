/**
 * What a person setting up a phone must read: where the server is, which
 * ports to open in the firewall, and the signed URLs for the page to push to
 * and play from. Printed by a rig serving the LAN and by `live-harness serve`.
 */
import { urlHost } from './lan';

export interface PhoneServer {
  readonly address: string;
  readonly rtmpPort: number;
  readonly httpPort: number;
  /** how long a sign made now is valid, ms */
  readonly signValidForMs: number;
  /** the fault proxy, when it listens on the LAN too: the phone meets the rig's faults only through it */
  readonly proxy?: PhoneProxy;
}

/** Where the fault proxy listens on the LAN (its loopback ports are the rig's own business). */
export interface PhoneProxy {
  readonly address: string;
  readonly rtmpPort: number;
  readonly httpPort: number;
}

export interface PhoneStream {
  readonly key: string;
  readonly rtmp: string;
  readonly httpFlv: string;
  readonly expiresAtMs?: number;
}

export function phoneLines(server: PhoneServer, streams: readonly PhoneStream[], more = 'rig.media.urls(key) signs more'): string[] {
  const host = urlHost(server.address);
  const hours = server.signValidForMs / 3_600_000;
  const validity = hours >= 1 ? `${Number(hours.toFixed(1))} h` : `${Math.max(1, Math.round(server.signValidForMs / 60_000))} min`;
  const proxy = server.proxy;
  const ports = proxy
    ? `${server.rtmpPort} (RTMP), ${server.httpPort} (HTTP-FLV), ${proxy.rtmpPort} (fault proxy, RTMP) and ${proxy.httpPort} (fault proxy, HTTP-FLV)`
    : `${server.rtmpPort} (RTMP) and ${server.httpPort} (HTTP-FLV)`;
  const lines = [
    `[live-harness] Media server for the phone on ${server.address}: RTMP rtmp://${host}:${server.rtmpPort}, HTTP-FLV http://${host}:${server.httpPort}.`,
    ...(proxy
      ? [
          `  Fault proxy for the phone on ${proxy.address}: RTMP rtmp://${urlHost(proxy.address)}:${proxy.rtmpPort}, HTTP-FLV http://${urlHost(proxy.address)}:${proxy.httpPort}. The phone meets the rig's faults only through it: the URLs below go through it (the same paths on the server's ports go direct).`,
        ]
      : []),
    `  Open TCP ${ports} to the phone in this machine's firewall; the phone must be on the same network.`,
    `  Every URL carries a sign valid for ${validity}; unsigned or expired ones are refused. ${more}.`,
  ];
  // The sign covers the stream's path, not the host: a URL through the proxy is the server's with the proxy's origin.
  const via = (url: string, port: number): string => (proxy ? url.replace(/^(\w+:\/\/)[^/]+/, `$1${urlHost(proxy.address)}:${port}`) : url);
  for (const s of streams) {
    const until = s.expiresAtMs === undefined ? '' : ` (until ${new Date(s.expiresAtMs).toISOString()})`;
    const rtmp = via(s.rtmp, proxy?.rtmpPort ?? 0);
    lines.push(`  ${s.key}${until}`, `    push ${rtmp}`, `    play ${rtmp}`, `    play ${via(s.httpFlv, proxy?.httpPort ?? 0)}`);
  }
  return lines;
}
