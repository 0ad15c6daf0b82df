/**
 * Which address a device session may bind. Servers bind 127.0.0.1 unless a
 * session explicitly asks for the LAN; then the address must be one of this
 * machine's own (a typo would otherwise bind nothing, or the wrong network),
 * and `true` picks the one LAN address there is, or asks which.
 */
import { createServer } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { nearest } from '../../mocks/model';

export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

export class LanAddressError extends Error {
  readonly code = 'LH_LAN_ADDRESS';
}

/** 127.0.0.0/8 and ::1: traffic that never leaves this machine. */
export function isLoopback(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '::1' || /^::ffff:127\./i.test(address);
}

/** An address as the host part of a URL: IPv6 in brackets. */
export function urlHost(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

export interface LanCandidate {
  readonly address: string;
  readonly interfaceName: string;
}

/** This machine's IPv4 addresses a phone could reach (not internal, not link-local). */
export function lanCandidates(table: InterfaceTable = networkInterfaces()): LanCandidate[] {
  const out: LanCandidate[] = [];
  for (const [name, infos] of Object.entries(table)) {
    for (const i of infos ?? []) {
      if (i.internal || i.family !== 'IPv4' || i.address.startsWith('169.254.')) continue;
      out.push({ address: i.address, interfaceName: name });
    }
  }
  return out;
}

function ownAddresses(table: InterfaceTable): string[] {
  return Object.values(table).flatMap((infos) => (infos ?? []).map((i) => i.address));
}

/**
 * The address to bind for `lan: true | '<address>'`. A given address must be
 * this machine's (any 127.x.y.z counts: Linux answers the whole loopback range,
 * which is how tests exercise the LAN mode without leaving the machine).
 */
export function resolveLanAddress(lan: true | string, table: InterfaceTable = networkInterfaces()): string {
  const candidates = lanCandidates(table);
  const listed = candidates.map((c) => `${c.address} (${c.interfaceName})`).join(', ');
  if (lan === true) {
    if (candidates.length === 1) return candidates[0].address;
    if (candidates.length === 0)
      throw new LanAddressError(
        '[live-harness] Failed to bind the LAN: this machine has no IPv4 address outside loopback. Join the phone\'s Wi-Fi network (or tether), then run "live-harness doctor --lan <address>".',
      );
    throw new LanAddressError(
      `[live-harness] Failed to bind the LAN: lan: true is ambiguous, this machine has ${candidates.length} addresses: ${listed}. Pass the one on the phone's network, e.g. lan: '${candidates[0].address}'.`,
    );
  }
  if (typeof lan !== 'string' || lan.trim() === '')
    throw new LanAddressError(
      `[live-harness] Failed to bind the LAN: lan ${JSON.stringify(lan)} is not an address. Pass true (this machine's one LAN address) or one of: ${listed || 'none found'}.`,
    );
  const address = lan.trim();
  if (isLoopback(address) || ownAddresses(table).includes(address)) return address;
  const near = nearest(
    address,
    candidates.map((c) => c.address),
  );
  throw new LanAddressError(
    `[live-harness] Failed to bind the LAN: ${address} is not an address of this machine (it has ${listed || 'no LAN address'}).${near ? ` Did you mean "${near}"?` : ''} Pass one of its own addresses; "live-harness doctor --lan <address>" checks one.`,
  );
}

/** Whether a server can listen on `address` now (dynamic port, closed at once); the reason when not. */
export function canBind(address: string, port = 0): Promise<{ ok: true; port: number } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, reason: `${e.code ?? 'error'} (${e.message})` }));
    s.listen(port, address, () => {
      const bound = (s.address() as { port: number }).port;
      s.close(() => resolve({ ok: true, port: bound }));
    });
  });
}
