/**
 * `junit.xml` in the surefire shape CI systems read (Jenkins' JUnit plugin,
 * GitLab's `artifacts:reports:junit`, GitHub actions that publish test
 * results): one <testsuite> per scenario file, a <testcase> per scenario (per
 * attempt with --repeat), <failure>/<error> with the whole failure text,
 * <skipped> for a scenario the target cannot run and for those an interrupt
 * left unrun, the mock warnings in <system-out>, and the run's seed, target,
 * clock and attempt as properties.
 */
import { writeFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { ReportFolder } from './report-folder';
import { ReportError } from './report-error';
import type { ReportedScenario, Reporter, RunEnd, RunStart } from './reporter';
import { scenarioWarnings } from './warnings';
import { xmlAttr, xmlText } from './xml';

export interface JunitReporterOptions {
  /** the run's report folder: junit.xml goes into `<dir>/<run-id>/` */
  readonly folder: ReportFolder;
  /** told the path once the file is written */
  readonly onWritten?: (file: string) => void;
  /** file paths in the XML are relative to this folder (CI shows them against the checkout); default the current folder */
  readonly cwd?: string;
}

/** A testcase: a scenario's result, or an attempt the run never reached. */
type Case = { readonly result: ReportedScenario } | { readonly notRun: { readonly name: string; readonly file?: string; readonly attempt: number } };

/** Kinds of failure that are the rig's or the run's, not the app's: JUnit's <error> rather than <failure>. */
const ERROR_KINDS = new Set(['rig', 'run']);

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function property(name: string, value: string | number): string {
  return `<property name="${xmlAttr(name)}" value="${xmlAttr(String(value))}"/>`;
}

export class JunitReporter implements Reporter {
  private start: RunStart | undefined;
  /** the path of junit.xml, once written */
  file: string | undefined;

  constructor(private readonly options: JunitReporterOptions) {}

  onRunStart(run: RunStart): void {
    this.start = run;
    this.options.folder.start(run.runId);
  }

  onRunEnd(end: RunEnd): void {
    const start = this.start;
    if (!start) throw new ReportError('[live-harness] Failed to write junit.xml: the run ended before it started. Call onRunStart before onRunEnd.');
    const file = this.options.folder.file('junit.xml');
    writeFileSync(file, junitXml({ ...start, runId: this.options.folder.runId }, end, this.options.cwd ?? process.cwd()));
    this.file = file;
    this.options.onWritten?.(file);
  }
}

/** The attempts due (scenarios × repeat) that have no result: an interrupt stopped the run before them. */
function notRunCases(start: RunStart, results: readonly ReportedScenario[], repeat: number): Case[] {
  const done = new Map<string, number>();
  for (const r of results) done.set(`${r.file ?? ''}\u0000${r.name}`, (done.get(`${r.file ?? ''}\u0000${r.name}`) ?? 0) + 1);
  const out: Case[] = [];
  for (const { scenario, file } of start.scenarios) {
    const key = `${file ?? ''}\u0000${scenario.name}`;
    const ran = done.get(key) ?? 0;
    // the same scenario may be listed twice (given twice on the command line); each listing is owed `repeat` attempts
    done.set(key, Math.max(0, ran - repeat));
    for (let attempt = ran + 1; attempt <= repeat; attempt++) out.push({ notRun: { name: scenario.name, ...(file !== undefined ? { file } : {}), attempt } });
  }
  return out;
}

export function junitXml(start: RunStart, end: RunEnd, cwd: string): string {
  const repeat = start.repeat ?? 1;
  const cases: Case[] = [...end.results.map((result) => ({ result })), ...(end.interrupted ? notRunCases(start, end.results, repeat) : [])];
  const fileOf = (c: Case): string | undefined => ('result' in c ? c.result.file : c.notRun.file);
  const suites = new Map<string, Case[]>();
  for (const c of cases) {
    const f = fileOf(c);
    const key = f === undefined ? '(inline scenarios)' : relative(cwd, f) || basename(f);
    suites.set(key, [...(suites.get(key) ?? []), c]);
  }
  const timestamp = start.startedAt.toISOString().replace(/\.\d+Z$/, '');
  const runProps = [
    property('target', start.target),
    property('seed', start.seed === null ? 'random' : start.seed),
    property('repeat', repeat),
    ...(start.runId !== undefined ? [property('runId', start.runId)] : []),
    ...(end.interrupted ? [property('interrupted', 'true')] : []),
  ];
  const lines: string[] = [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  const suiteXml: string[] = [];
  for (const [suiteName, members] of suites) {
    const counts = { tests: members.length, failures: 0, errors: 0, skipped: 0, ms: 0 };
    const body: string[] = [];
    for (const c of members) body.push(...testcase(c, suiteName, start, repeat, counts));
    totals.tests += counts.tests;
    totals.failures += counts.failures;
    totals.errors += counts.errors;
    totals.skipped += counts.skipped;
    totals.ms += counts.ms;
    suiteXml.push(
      `  <testsuite name="${xmlAttr(suiteName)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(counts.ms)}" timestamp="${timestamp}"${
        suiteName === '(inline scenarios)' ? '' : ` file="${xmlAttr(suiteName)}"`
      }>`,
      `    <properties>${runProps.join('')}</properties>`,
      ...body,
      '  </testsuite>',
    );
  }
  lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  lines.push(
    `<testsuites name="live-harness" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(
      end.finishedAt.getTime() - start.startedAt.getTime(),
    )}" timestamp="${timestamp}">`,
  );
  lines.push(...suiteXml, '</testsuites>', '');
  return lines.join('\n');
}

function testcase(
  c: Case,
  suiteName: string,
  start: RunStart,
  repeat: number,
  counts: { failures: number; errors: number; skipped: number; ms: number },
): string[] {
  // Jenkins splits classname at dots into package and class: the target is the package, the file the class
  const stem = suiteName.replace(/^.*[/\\]/, '').replace(/(\.scenario)?\.[cm]?[jt]s$/, '');
  const classname = `${start.target}.${stem.replace(/\./g, '_')}`;
  const fileAttr = suiteName === '(inline scenarios)' ? '' : ` file="${xmlAttr(suiteName)}"`;
  const named = (name: string, attempt: number): string => (repeat > 1 ? `${name} (attempt ${attempt}/${repeat})` : name);
  if ('notRun' in c) {
    counts.skipped++;
    return [
      `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(named(c.notRun.name, c.notRun.attempt))}" time="0.000"${fileAttr}>`,
      `      <properties>${property('attempt', c.notRun.attempt)}</properties>`,
      `      <skipped message="not run: the run was interrupted before it"/>`,
      '    </testcase>',
    ];
  }
  const r = c.result;
  const attempt = r.attempt ?? 1;
  counts.ms += r.wallMs;
  const out = [
    `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(named(r.name, attempt))}" time="${seconds(r.wallMs)}"${fileAttr}>`,
    `      <properties>${[
      property('clock', r.clock),
      property('attempt', attempt),
      property('target', r.target),
      property(r.clock === 'real' ? 'realMs' : 'virtualMs', Math.round(r.virtualMs)),
    ].join('')}</properties>`,
  ];
  if (r.status === 'not-applicable') {
    counts.skipped++;
    out.push(`      <skipped message="${xmlAttr(r.failures[0] ?? 'not applicable on this target')}"/>`);
  } else if (r.status === 'failed' || r.status === 'interrupted') {
    const failed = r.expectations.filter((x) => !x.pass);
    const isError = failed.some((x) => ERROR_KINDS.has(x.kind));
    const element = isError ? 'error' : 'failure';
    if (isError) counts.errors++;
    else counts.failures++;
    const text = r.failures.join('\n\n');
    const message = (r.failures[0] ?? 'failed').split('\n')[0];
    const type = [...new Set(failed.map((x) => x.kind))].join(',') || 'failed';
    out.push(`      <${element} message="${xmlAttr(message)}" type="${xmlAttr(type)}">${xmlText(text)}</${element}>`);
  }
  const warnings = scenarioWarnings(r);
  if (warnings.length > 0) out.push(`      <system-out>${xmlText(warnings.map((w) => `warning ${w}`).join('\n'))}</system-out>`);
  out.push('    </testcase>');
  return out;
}
