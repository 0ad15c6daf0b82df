import { combineReporters, type Reporter, type RunEnd } from '.';

const end: RunEnd = { finishedAt: new Date(0), interrupted: false, results: [] };

describe('combineReporters', () => {
  it('calls each reporter in order with its own this, skipping what a reporter does not listen to', async () => {
    const calls: string[] = [];
    class Named implements Reporter {
      constructor(private readonly name: string) {}
      onRunEnd(): void {
        calls.push(`${this.name} end`);
      }
    }
    const silent: Reporter = {};
    await combineReporters(new Named('a'), silent, new Named('b')).onRunEnd?.(end);
    expect(calls).toEqual(['a end', 'b end']);
  });

  it('lets every reporter have its turn when one throws, then rethrows', async () => {
    const calls: string[] = [];
    const boom = (name: string): Reporter => ({
      onRunEnd: () => {
        calls.push(name);
        throw new Error(`${name} broke`);
      },
    });
    const ok: Reporter = { onRunEnd: async () => void calls.push('ok') };
    await expect(combineReporters(boom('x'), ok).onRunEnd?.(end)).rejects.toThrow('x broke');
    expect(calls).toEqual(['x', 'ok']);
    const both = combineReporters(boom('y'), boom('z')).onRunEnd?.(end);
    await expect(both).rejects.toThrow('[live-harness] Failed to report onRunEnd: 2 reporters threw. See the errors.');
    await both?.catch((e: AggregateError) => expect(e.errors.map((x: Error) => x.message)).toEqual(['y broke', 'z broke']));
  });
});
