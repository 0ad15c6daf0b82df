import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from './main';
import { parseRun } from './run-options';

const out = async (argv: string[]): Promise<{ code: number; lines: string[] }> => {
  const lines: string[] = [];
  const code = await main(argv, (s) => lines.push(s));
  return { code, lines };
};

describe('run options', () => {
  it('reads every option, with the defaults a bare run gets', () => {
    expect(parseRun([])).toMatchObject({ files: [], report: 'reports', clock: 'auto', repeat: 1, keep: 10, list: false, open: false, grepInvert: false });
    const a = parseRun([
      'a.scenario.ts',
      '--seed',
      '7',
      '--grep',
      '^push',
      '--grep-invert',
      '--shard',
      '2/3',
      '--repeat',
      '5',
      '--list',
      '--keep=3',
      '--open',
      'b/',
    ]);
    expect(a).toMatchObject({
      files: ['a.scenario.ts', 'b/'],
      seed: 7,
      grepInvert: true,
      shard: { index: 2, count: 3 },
      repeat: 5,
      list: true,
      keep: 3,
      open: true,
    });
    expect(a?.grep?.source).toBe('^push');
    expect(parseRun(['--reporter', 'json,junit'])?.reporters).toEqual(['json', 'junit']);
    expect(parseRun(['--clock', 'media'])).toMatchObject({ clock: 'media', clockFlag: '--clock' });
    expect(parseRun(['--target', 'virtual'])).toMatchObject({ clock: 'virtual', clockFlag: '--target' });
    expect(parseRun(['--target', 'automator-sim'])?.target.name).toBe('automator-sim');
  });

  it('takes --bail alone, with a count after it, or with =N, and leaves a file after it a file', () => {
    expect(parseRun(['--bail'])?.bail).toBe(1);
    expect(parseRun(['--bail', '3'])?.bail).toBe(3);
    expect(parseRun(['--bail=2', 'x.scenario.ts'])).toMatchObject({ bail: 2, files: ['x.scenario.ts'] });
    expect(parseRun(['--bail', 'x.scenario.ts'])).toMatchObject({ bail: 1, files: ['x.scenario.ts'] });
    expect(parseRun(['--', '--bail'])?.files).toEqual(['--bail']);
  });

  it('answers --help and -h with the usage, which documents the exit codes', async () => {
    expect(parseRun(['--help'])).toBeUndefined();
    for (const h of ['--help', '-h']) {
      const { code, lines } = await out(['run', h]);
      expect(code).toBe(0);
      expect(lines.join('\n')).toMatch(/^Usage: live-harness run /);
      expect(lines.join('\n')).toContain('Exit code: 0 every applicable scenario passed (and at least one ran)');
    }
    for (const cmd of ['doctor', 'serve', 'codes', 'init', 'trace']) {
      const { code, lines } = await out([cmd, '--help']);
      expect([cmd, code]).toEqual([cmd, 0]);
      expect(lines.join('\n')).toContain(`live-harness ${cmd}`);
    }
    expect((await out(['help', 'run'])).lines.join('\n')).toMatch(/^Usage: live-harness run /);
  });

  it('prints the version of package.json for --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(await out(['--version'])).toEqual({ code: 0, lines: [version] });
    expect(await out(['-v'])).toEqual({ code: 0, lines: [version] });
  });

  it('names an unknown option with the nearest one, and a wrong value with the valid ones', async () => {
    const expectError = async (argv: string[], text: string): Promise<void> => {
      const { code, lines } = await out(argv);
      expect(code).toBe(2);
      expect(lines[0]).toContain(text);
      expect(lines[0]).toMatch(/^\[live-harness\] Failed to /);
    };
    await expectError(['run', '--sed', '3'], 'unknown option --sed. Did you mean --seed?');
    await expectError(['run', '--shard', '3/2'], '--shard "3/2" is not a shard i/n with 1 ≤ i ≤ n.');
    await expectError(['run', '--shard', '0/2'], '--shard "0/2" is not a shard');
    await expectError(['run', '--shard', 'half'], '--shard "half" is not a shard');
    await expectError(['run', '--repeat', '0'], '--repeat "0" is not a whole number of 1 or more. Pass e.g. --repeat 5.');
    await expectError(['run', '--reporter', 'junt'], 'there is no reporter "junt". Use one or more of line, json, junit, html. Did you mean "junit"?');
    await expectError(['run', '--grep', '('], '--grep "(" is not a regular expression');
    await expectError(['run', '--grep-invert'], '--grep-invert needs --grep');
    await expectError(['run', '--seed'], '--seed needs a value. Pass --seed 7.');
    await expectError(['run', '--list=yes'], '--list takes no value');
    await expectError(['rn'], 'unknown command "rn". Did you mean "run"?');
    await expectError(['serve', '--lna', '127.0.0.2'], 'unknown option --lna. Did you mean --lan?');
  });
});
