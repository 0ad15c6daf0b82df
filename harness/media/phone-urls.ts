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
  const lines = [
    `[live-harness] Media server for the phone on ${server.address}: RTMP rtmp://${host}:${server.rtmpPort}, HTTP-FLV http://${host}:${server.httpPort}.`,
    `  Open TCP ${server.rtmpPort} (RTMP) and ${server.httpPort} (HTTP-FLV) to the phone in this machine's firewall; the phone must be on the same network.`,
    `  Every URL carries a sign valid for ${validity}; unsigned or expired ones are refused. ${more}.`,
  ];
  for (const s of streams) {
    const until = s.expiresAtMs === undefined ? '' : ` (until ${new Date(s.expiresAtMs).toISOString()})`;
    lines.push(`  ${s.key}${until}`, `    push ${s.rtmp}`, `    play ${s.rtmp}`, `    play ${s.httpFlv}`);
  }
  return lines;
}
