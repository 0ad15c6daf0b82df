import { join } from 'node:path';
import { main } from './main';

const HANDMADE = join(__dirname, '../../fixtures/traces/player-anchor-stops.handmade.json');

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(argv, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

describe('live-harness trace replay', () => {
  it('prints the real and the model sequences side by side, then the agreement figure', async () => {
    const { code, out } = await cli('trace', 'replay', HANDMADE);
    expect(code).toBe(0);
    expect(out).toMatch(/^player#viewer: 8 real, \d+ model, \d+ in the same order$/m);
    expect(out).toMatch(/^ {2}= statechange -2301 +real +29050 ms +model +\d+ ms +Δ [+-]\d+ ms$/m);
    expect(out).toMatch(/^agreement \d+(\.\d)?%: \d+ of \d+ events match in order and on time/m);
  });

  it('names a trace that does not load, with the path, and exits 2', async () => {
    const { code, out } = await cli('trace', 'replay', 'no-such-trace.json');
    expect(code).toBe(2);
    expect(out).toBe('[live-harness] Failed to load trace no-such-trace.json: ENOENT. Check the path.');
  });

  it('refuses an unknown subcommand and option with the usage', async () => {
    expect((await cli('trace', 'play', HANDMADE)).out).toMatch(
      /^\[live-harness\] Failed to read the command line: trace has no subcommand "play"\. Did you mean "replay"\? Use:\n {2}live-harness trace replay/,
    );
    expect((await cli('trace', 'replay', HANDMADE, '--sed', '3')).out).toMatch(/unknown option --sed/);
    expect((await cli('trace', 'replay', HANDMADE, '--tolerance', 'lots')).out).toMatch(/--tolerance "lots" is not a number/);
  });
});
