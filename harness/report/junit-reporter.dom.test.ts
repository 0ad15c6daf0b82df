/**
 * junit.xml as CI reads it: parsed back with a strict XML parser (jsdom's,
 * which rejects what XML 1.0 does not allow), its counts and attributes
 * checked against the run's results, its text against the failure text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { JunitReporter, junitXml, ReportFolder, scenarioWarnings, type ReportedScenario } from '.';
import { failing, sampleRun, type SampleRun } from './__fixtures__/sample-run';

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`junit.xml does not parse: ${error.textContent ?? ''}`);
  return doc;
}
const all = (el: Element | Document, tag: string): Element[] => [...el.getElementsByTagName(tag)];
const props = (el: Element): Record<string, string> =>
  Object.fromEntries(
    all(el, 'properties')
      .filter((p) => p.parentElement === el)
      .flatMap((p) => all(p, 'property'))
      .map((p) => [p.getAttribute('name'), p.getAttribute('value')]),
  );
/** Cases come grouped by file, the files in the order they first ran. */
const byFile = <T extends { file?: string }>(xs: readonly T[]): T[] => {
  const order = [...new Set(xs.map((x) => x.file))];
  return [...xs].sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file));
};
const direct = (el: Element, tag: string): Element | undefined => [...el.children].find((c) => c.tagName === tag);

describe('JunitReporter', () => {
  let run: SampleRun;
  let interrupted: SampleRun;
  let dir: string;
  beforeAll(async () => {
    run = await sampleRun();
    interrupted = await sampleRun({ interrupt: true });
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lh-junit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes junit.xml into the run folder: a suite per scenario file, a case per scenario, counts that match the results', () => {
    const folder = new ReportFolder({ dir });
    const written: string[] = [];
    const reporter = new JunitReporter({ folder, onWritten: (f) => written.push(f), cwd: join(__dirname, '../..') });
    reporter.onRunStart(run.start);
    reporter.onRunEnd(run.end);
    expect(written).toEqual([join(folder.runDir, 'junit.xml')]);
    const doc = parse(readFileSync(written[0], 'utf8'));
    const root = doc.documentElement;
    const results = byFile(run.end.results);
    const n = (s: ReportedScenario['status']): number => results.filter((r) => r.status === s).length;
    expect(root.tagName).toBe('testsuites');
    // the page that does not exist is the run's error (it threw), the rest of the failures are the app's
    expect(root.getAttribute('tests')).toBe(String(results.length));
    expect(Number(root.getAttribute('failures')) + Number(root.getAttribute('errors'))).toBe(n('failed'));
    expect(root.getAttribute('errors')).toBe('1');
    expect(root.getAttribute('skipped')).toBe(String(n('not-applicable')));

    const suites = all(doc, 'testsuite');
    const files = [...new Set(results.map((r) => relative(join(__dirname, '../..'), r.file ?? '')))];
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(files);
    expect(files).toContain('scenarios/call-two-way.scenario.ts');
    for (const s of suites) {
      const members = results.filter((r) => relative(join(__dirname, '../..'), r.file ?? '') === s.getAttribute('name'));
      expect(s.getAttribute('tests')).toBe(String(members.length));
      expect(s.getAttribute('file')).toBe(s.getAttribute('name'));
      expect(Number(s.getAttribute('time'))).toBeCloseTo(members.reduce((t, r) => t + r.wallMs, 0) / 1000, 2);
      expect(props(s)).toMatchObject({ target: 'simulate', seed: '11', repeat: '1' });
    }

    const cases = all(doc, 'testcase');
    expect(cases.map((c) => c.getAttribute('name'))).toEqual(results.map((r) => r.name));
    cases.forEach((c, i) => {
      const r = results[i];
      expect(c.getAttribute('classname')).toBe(
        `simulate.${r.file
          ?.replace(/^.*\//, '')
          .replace(/\.scenario\.ts$/, '')
          .replace(/\./g, '_')}`,
      );
      expect(Number(c.getAttribute('time'))).toBeCloseTo(r.wallMs / 1000, 2);
      expect(props(c)).toMatchObject({ clock: 'virtual', attempt: '1', target: 'simulate' });
      const bad = direct(c, 'failure') ?? direct(c, 'error');
      if (r.status === 'failed') {
        // the whole failure text, not a line of it
        expect(bad?.textContent).toBe(r.failures.join('\n\n'));
        expect(bad?.getAttribute('message')).toBe(r.failures[0].split('\n')[0]);
      } else expect(bad).toBeUndefined();
      const skipped = direct(c, 'skipped');
      if (r.status === 'not-applicable') expect(skipped?.getAttribute('message')).toBe('needs real-media, which this target cannot provide');
      else expect(skipped).toBeUndefined();
      // warnings of every scenario, passing ones too
      const out = direct(c, 'system-out');
      const warnings = scenarioWarnings(r);
      if (warnings.length) expect(out?.textContent).toBe(warnings.map((w) => `warning ${w}`).join('\n'));
      else expect(out).toBeUndefined();
    });
    const failed = cases.find((c) => c.getAttribute('name') === failing.name);
    expect(direct(failed!, 'failure')?.getAttribute('type')).toBe('page,sequence,never,count,every,metric,warnings');
    const passedWithWarnings = cases.find((c) => c.getAttribute('name')?.startsWith('a context called in onLoad'));
    expect(direct(passedWithWarnings!, 'system-out')?.textContent).toContain('LivePusherContext.start() did nothing');
    expect(
      direct(
        cases.find((c) => c.getAttribute('name') === 'a page that does not exist')!,
        'error',
      )?.getAttribute('type'),
    ).toBe('run');
  });

  it('lists what an interrupt left unrun as skipped cases, and the stopped scenario as an error', () => {
    const { start, end } = interrupted;
    expect(end.interrupted).toBe(true);
    const doc = parse(junitXml(start, end, '/'));
    const cases = all(doc, 'testcase');
    const names = cases.map((c) => c.getAttribute('name'));
    expect(names).toEqual(
      byFile([...end.results, ...start.scenarios.slice(end.results.length).map((s) => ({ name: s.scenario.name, file: s.file }))]).map((r) => r.name),
    );
    const stopped = cases[names.indexOf(end.results[end.results.length - 1].name)];
    expect(direct(stopped, 'error')?.textContent).toBe('the run was interrupted (Ctrl-C); everything it started was stopped');
    const unrun = cases.filter((c) => !end.results.some((r) => r.name === c.getAttribute('name')));
    expect(unrun.length).toBe(start.scenarios.length - end.results.length);
    expect(unrun.length).toBeGreaterThan(0);
    for (const c of unrun) expect(direct(c, 'skipped')?.getAttribute('message')).toBe('not run: the run was interrupted before it');
    expect(doc.documentElement.getAttribute('skipped')).toBe(String(unrun.length + end.results.filter((r) => r.status === 'not-applicable').length));
    expect(props(all(doc, 'testsuite')[0])).toMatchObject({ interrupted: 'true' });
  });

  it('names each attempt of a repeated scenario "(attempt k/N)"', async () => {
    const { start, end } = await sampleRun({ repeat: 3 });
    const doc = parse(junitXml(start, end, '/'));
    expect(all(doc, 'testcase').map((c) => [c.getAttribute('name'), props(c).attempt])).toEqual([
      ['push page, twice (attempt 1/3)', '1'],
      ['push page, twice (attempt 2/3)', '2'],
      ['push page, twice (attempt 3/3)', '3'],
      [`${failing.name} (attempt 1/3)`, '1'],
      [`${failing.name} (attempt 2/3)`, '2'],
      [`${failing.name} (attempt 3/3)`, '3'],
    ]);
    expect(doc.documentElement.getAttribute('failures')).toBe('3');
  });

  it('escapes markup, quotes, line breaks and characters XML 1.0 cannot hold, so the file parses and reads back as written', () => {
    // the parser is strict: unescaped, these would not parse
    expect(() => parse('<a>\u001b[31m</a>')).toThrow('does not parse');
    expect(() => parse('<a b="<"/>')).toThrow('does not parse');
    const base = run.end.results.find((r) => r.name === failing.name)!;
    const nasty = 'fails <here> & "there" \'too\'\n\tline two\r\n\u001b[31mred\u001b[0m \u0000 nul \uFFFF \uD800 lone ]]> end';
    const r: ReportedScenario = { ...base, name: `a <name> & "quotes"\u0007`, failures: [nasty, 'second\nfailure'] };
    const doc = parse(junitXml({ ...run.start, scenarios: [] }, { ...run.end, results: [r] }, '/'));
    const c = all(doc, 'testcase')[0];
    expect(c.getAttribute('name')).toBe('a <name> & "quotes"\\x07');
    const failure = direct(c, 'failure')!;
    const shown = 'fails <here> & "there" \'too\'\n\tline two\r\n\\x1b[31mred\\x1b[0m \\x00 nul \\uffff \\ud800 lone ]]> end';
    expect(failure.textContent).toBe(`${shown}\n\nsecond\nfailure`);
    // attribute values keep their tabs and line breaks (a parser folds raw ones to spaces)
    expect(failure.getAttribute('message')).toBe('fails <here> & "there" \'too\'');
    expect(all(doc, 'testsuite')[0].getAttribute('name')).toBe(relative('/', base.file!));
  });
});
