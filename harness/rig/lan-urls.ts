/**
 * What a person setting up a phone must read: where the rig's server is, which
 * ports to open, and the signed URLs for the page to push to and play from.
 */
import type { LanBinding } from './media-session';
import type { StreamUrls } from './media-access';

export function lanLines(lan: LanBinding, streams: readonly StreamUrls[]): string[] {
  const hours = lan.signValidForMs / 3_600_000;
  const validity = hours >= 1 ? `${Number(hours.toFixed(1))} h` : `${Math.round(lan.signValidForMs / 60_000)} min`;
  const lines = [
    `[live-harness] Media server for the phone on ${lan.address}: RTMP rtmp://${lan.address}:${lan.rtmpPort}, HTTP-FLV http://${lan.address}:${lan.httpPort}.`,
    `  Open TCP ${lan.rtmpPort} (RTMP) and ${lan.httpPort} (HTTP-FLV) to the phone in this machine's firewall; the phone must be on the same network.`,
    `  Every URL carries a sign valid for ${validity}; unsigned or expired ones are refused. rig.media.urls(key) signs more.`,
  ];
  for (const s of streams) {
    const until = s.expiresAtMs === undefined ? '' : ` (until ${new Date(s.expiresAtMs).toISOString()})`;
    lines.push(`  ${s.key}${until}`, `    push ${s.rtmp}`, `    play ${s.rtmp}`, `    play ${s.httpFlv}`);
  }
  return lines;
}
