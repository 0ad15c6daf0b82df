/**
 * `--reporter` by name: names checked with the error grammar and a
 * suggestion, and the chosen reporters writing one run into one folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReporters, parseReporterNames, ReporterNameError, ReportFolder, REPORTER_NAMES, type Reporter, type RunEnd } from '.';
import { sampleRun } from './__fixtures__/sample-run';

describe('createReporters', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lh-reporters-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the four reporters', () => {
    expect(REPORTER_NAMES).toEqual(['line', 'json', 'junit', 'html']);
  });

  it('refuses an unknown name, listing the valid ones and the nearest', () => {
    const folder = new ReportFolder({ dir });
    let error: unknown;
    try {
      createReporters(['line', 'jsno'], { folder });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReporterNameError);
    expect(error).toMatchObject({
      code: 'LH_REPORTER_NAME',
      message: '[live-harness] Failed to choose reporters: there is no reporter "jsno". Use one or more of line, json, junit, html. Did you mean "json"?',
    });
    expect(() => parseReporterNames(['junit,xml'])).toThrow('there is no reporter "xml". Use one or more of line, json, junit, html. Did you mean "html"?');
    expect(() => parseReporterNames([])).toThrow('[live-harness] Failed to choose reporters: none was named. Use one or more of line, json, junit, html.');
    // nothing was written for a run that was refused
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes names as --reporter gives them: repeated, or comma-separated, once each in the order given', () => {
    expect(parseReporterNames(['junit,line', 'json', 'line', ' html '])).toEqual(['junit', 'line', 'json', 'html']);
  });

  it('needs the HTML reporter handed in to make html', () => {
    expect(() => createReporters(['html'], { folder: new ReportFolder({ dir }) })).toThrow(
      '[live-harness] Failed to create the html reporter: no HtmlReporter was handed to createReporters. Pass htmlReporter (harness/report/html), or leave html out of --reporter.',
    );
  });

  it('writes one run into one folder: results.json, junit.xml, the html reporter given the same folder, and lines on the stream', async () => {
    const { start, end } = await sampleRun();
    const folder = new ReportFolder({ dir });
    const written: string[] = [];
    let lines = '';
    const log: string[] = [];
    const htmlSaw: RunEnd[] = [];
    const htmlFolders: ReportFolder[] = [];
    const html = (f: ReportFolder): Reporter => {
      htmlFolders.push(f);
      return { onRunEnd: (run) => void htmlSaw.push(run) };
    };
    const reporter = createReporters(['line', 'json', 'junit', 'html'], {
      folder,
      stream: { write: (s: string) => log.push((lines += s) && s), isTTY: true },
      isTTY: false,
      htmlReporter: html,
      onWritten: (f) => log.push(`written ${written[written.push(f) - 1]}`),
    });
    await reporter.onRunStart?.(start);
    for (const r of end.results) {
      await reporter.onScenarioStart?.({ scenario: start.scenarios.find((s) => s.scenario.name === r.name)!.scenario, file: r.file });
      await reporter.onScenarioEnd?.(r);
    }
    await reporter.onRunEnd?.(end);
    expect(written).toEqual([join(folder.runDir, 'results.json'), join(folder.runDir, 'junit.xml')]);
    expect(readdirSync(folder.runDir).sort()).toEqual(['junit.xml', 'results.json']);
    expect(JSON.parse(readFileSync(join(folder.runDir, 'results.json'), 'utf8'))).toMatchObject({
      runId: folder.runId,
      scenarios: { length: end.results.length },
    });
    expect(existsSync(join(dir, 'latest', 'junit.xml'))).toBe(true);
    expect(htmlFolders).toEqual([folder]);
    expect(htmlSaw).toEqual([end]);
    // isTTY given overrides the stream's own: plain lines
    expect(lines).not.toContain('\r');
    expect(lines).toContain(`reports: ${folder.runDir}\n`);
    // the summary ends the output: line reports after the files were written, whatever the order named
    const summaryAt = log.findIndex((s) => / passed, \d+ failed/.test(s));
    expect(log.findIndex((s) => s.startsWith('written '))).toBeGreaterThan(-1);
    expect(log.length - 1 - [...log].reverse().findIndex((s) => s.startsWith('written '))).toBeLessThan(summaryAt);
    expect(lines.trimEnd().split('\n').slice(-2)).toEqual([
      expect.stringMatching(/^\d+ passed, \d+ failed, \d+ not applicable \(/),
      `reports: ${folder.runDir}`,
    ]);
  });
});
