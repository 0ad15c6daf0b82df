/**
 * rig.network over a real virtual link: each method applies its verb of the
 * vocabulary, and a fault given as data that is not one is refused by name.
 */
import { VirtualLink } from '../../mocks/link';
import { Random, VirtualClock } from '../../mocks/time';
import { FaultError, NetworkControl } from './controls';

function network() {
  const notes: Array<Record<string, unknown>> = [];
  const link = new VirtualLink({
    clock: new VirtualClock(),
    random: new Random(1),
    connectTimeoutMs: 3000,
    readWriteTimeoutMs: 8000,
    onIncident: (action, detail) => notes.push({ action, ...detail }),
  });
  return { net: new NetworkControl(link), notes };
}

describe('NetworkControl', () => {
  it('applies one verb per method, with durations in any form a test writes', () => {
    const { net, notes } = network();
    net.cut('2s');
    net.stall(1500);
    net.restore();
    net.refuse();
    net.failDns('x.com', '1s');
    net.failHandshake();
    net.serverClose('live/a');
    net.reset();
    net.shape({ upKbps: 300 });
    net.set({ rttMs: 90 });
    net.useProfile('3g');
    net.use('4g');
    expect(notes).toEqual([
      { action: 'cut', forMs: 2000 },
      { action: 'stall', forMs: 1500 },
      { action: 'unstall' },
      { action: 'restore' },
      { action: 'refuse' },
      { action: 'dns-fail', host: 'x.com', forMs: 1000 },
      { action: 'handshake-fail' },
      { action: 'server-close', target: 'live/a' },
      { action: 'reset', target: '*' },
      { action: 'set', upKbps: 300 },
      { action: 'set', rttMs: 90 },
      { action: 'profile', name: '3g' },
      { action: 'profile', name: '4g' },
    ]);
    expect(net.knownGaps()).toEqual([]);
  });

  it('refuses a fault given as data that is not one, naming the nearest', () => {
    const { net } = network();
    expect(() => net.apply({ fault: 'cutt' } as never)).toThrow(
      new FaultError(
        '[live-harness] Failed to apply fault {"fault":"cutt"}: fault "cutt" is not a fault. Did you mean "cut"? Use one of cut, restore, stall, partition, refuse, failDns, failHandshake, serverClose, reset, shape, useProfile.',
      ),
    );
    expect(() => net.stall('soon')).toThrow('[live-harness] Failed to parse duration "soon"');
    expect(() => net.shape({})).toThrow(
      '[live-harness] Failed to apply fault {"fault":"shape"}: fault shape names nothing to change. Give at least one of rttMs',
    );
  });
});
