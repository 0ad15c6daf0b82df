import { faultsOfAction } from './fault-actions';

describe('faultsOfAction', () => {
  it('reads the older string actions as the faults they always were', () => {
    expect(
      ['cut-network', 'restore-network', 'stall-network', 'refuse-connections', 'fail-dns', 'server-close', 'reset-connections'].map((a) => faultsOfAction(a)),
    ).toEqual([
      { faults: [{ fault: 'cut' }] },
      { faults: [{ fault: 'restore' }] },
      { faults: [{ fault: 'stall' }] },
      { faults: [{ fault: 'refuse' }] },
      { faults: [{ fault: 'failDns' }] },
      { faults: [{ fault: 'serverClose' }] },
      { faults: [{ fault: 'reset' }] },
    ]);
  });

  it('reads { network } in the order its keys were written, durations in ms', () => {
    expect(faultsOfAction({ network: { failDns: 'x.com', stallFor: '4s', set: { upKbps: 300, lossPct: 1 }, serverClose: 'live/a' } })).toEqual({
      faults: [
        { fault: 'failDns', host: 'x.com' },
        { fault: 'stall', forMs: 4000 },
        { fault: 'shape', upKbps: 300, lossPct: 1 },
        { fault: 'serverClose', target: 'live/a' },
      ],
    });
  });

  it('takes the vocabulary as it is, and leaves other actions alone', () => {
    expect(faultsOfAction({ fault: 'stall', forMs: 4000 })).toEqual({ faults: [{ fault: 'stall', forMs: 4000 }] });
    expect(faultsOfAction('background')).toBeUndefined();
    expect(faultsOfAction({ freeze: 'live/a', for: '3s' })).toBeUndefined();
  });

  it('names the field at fault and what would be valid there', () => {
    expect(faultsOfAction({ fault: 'cut', forMS: 1 })).toEqual({
      issue: { path: '.forMS', field: 'forMS', reason: 'is not a parameter of cut', got: 'forMS', valid: ['forMs'], remedy: 'cut takes forMs.' },
    });
    expect(faultsOfAction({ network: { set: 5 } })).toEqual({
      issue: {
        path: '.network.set',
        reason: 'must be an object of rttMs, jitterMs, upKbps, downKbps, lossPct, got 5',
        remedy: 'Write e.g. set: { upKbps: 300 }.',
      },
    });
  });
});
