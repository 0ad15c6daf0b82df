import type { NetworkInterfaceInfo } from 'node:os';
import { canBind, isLoopback, lanCandidates, resolveLanAddress, urlHost, type InterfaceTable } from './lan';

// Interface tables as os.networkInterfaces() gives them; nothing here is bound or contacted but 127.0.0.2.
const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/24`,
});
const lo = { lo: [v4('127.0.0.1', true)] };
const oneLan: InterfaceTable = { ...lo, wlan0: [v4('192.168.1.20'), v4('169.254.3.4')] };
const twoLans: InterfaceTable = { ...oneLan, eth0: [v4('10.0.0.5')] };

describe('resolveLanAddress', () => {
  it("takes lan: true as the machine's one LAN address, skipping loopback and link-local", () => {
    expect(lanCandidates(oneLan)).toEqual([{ address: '192.168.1.20', interfaceName: 'wlan0' }]);
    expect(resolveLanAddress(true, oneLan)).toBe('192.168.1.20');
  });

  it('asks which address when there are several, listing them', () => {
    expect(() => resolveLanAddress(true, twoLans)).toThrow(
      "[live-harness] Failed to bind the LAN: lan: true is ambiguous, this machine has 2 addresses: 192.168.1.20 (wlan0), 10.0.0.5 (eth0). Pass the one on the phone's network, e.g. lan: '192.168.1.20'.",
    );
  });

  it('says what to do when there is no LAN address', () => {
    expect(() => resolveLanAddress(true, lo)).toThrow("this machine has no IPv4 address outside loopback. Join the phone's Wi-Fi network");
  });

  it("accepts the machine's own addresses and the loopback range, and names a foreign one with the nearest", () => {
    expect(resolveLanAddress('192.168.1.20', twoLans)).toBe('192.168.1.20');
    expect(resolveLanAddress('127.0.0.2', lo)).toBe('127.0.0.2');
    expect(() => resolveLanAddress('192.168.1.21', twoLans)).toThrow(
      '[live-harness] Failed to bind the LAN: 192.168.1.21 is not an address of this machine (it has 192.168.1.20 (wlan0), 10.0.0.5 (eth0)). Did you mean "192.168.1.20"? Pass one of its own addresses; "live-harness doctor --lan <address>" checks one.',
    );
  });
});

describe('isLoopback and urlHost', () => {
  it('knows the loopback range and brackets IPv6 in URLs', () => {
    expect([isLoopback('127.0.0.1'), isLoopback('127.9.8.7'), isLoopback('::1'), isLoopback('192.168.1.20'), isLoopback('0.0.0.0')]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(urlHost('fd00::2')).toBe('[fd00::2]');
    expect(urlHost('127.0.0.2')).toBe('127.0.0.2');
  });
});

describe('canBind', () => {
  it('binds 127.0.0.2 on a dynamic port and closes it again', async () => {
    const r = await canBind('127.0.0.2');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.port).toBeGreaterThan(0);
  });

  it('says why an address cannot be bound', async () => {
    // A documentation address (RFC 5737) this machine does not have: the bind fails locally, nothing is sent.
    const r = await canBind('198.51.100.7');
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^EADDRNOTAVAIL /) });
  });
});
