/**
 * Which addresses listen on a TCP port, read from the kernel's socket table
 * (Linux /proc/net/tcp, tcp6): how a test of the LAN mode shows that a server
 * is on 127.0.0.2 and not on 127.0.0.1 without sending a byte to 127.0.0.1.
 */
import { existsSync, readFileSync } from 'node:fs';

const LISTEN = '0A';

function v4(hex: string): string {
  // Little-endian on the machines this runs on (x86, arm64): 0200007F is 127.0.0.2.
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

export function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const [file, six] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== LISTEN) continue;
      const [addr, portHex] = cols[1].split(':');
      if (parseInt(portHex, 16) !== port) continue;
      out.push(six ? `[${addr}]` : v4(addr));
    }
  }
  return out;
}
