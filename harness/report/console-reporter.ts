/**
 * One line per scenario as it ends (PASS / FAIL / N/A, how long on which
 * clock), the failures of a failed one beneath it, and a summary line. The
 * simple predecessor of the line reporter (line-reporter.ts).
 */
import type { ReportedScenario, Reporter, RunEnd } from './reporter';

export interface ConsoleReporterOptions {
  /** where lines go; default console.log */
  readonly print?: (line: string) => void;
  /** at most this many lines of failure text per scenario; default: all of it. A cut says so and where the full text is. */
  readonly failureLines?: number;
}

const MARK = { passed: 'PASS', failed: 'FAIL', 'not-applicable': 'N/A ', interrupted: 'INT ' } as const;

export class ConsoleReporter implements Reporter {
  private readonly print: (line: string) => void;
  private readonly failureLines: number;

  constructor(options: ConsoleReporterOptions = {}) {
    this.print = options.print ?? ((line) => console.log(line));
    this.failureLines = options.failureLines ?? Infinity;
  }

  onScenarioEnd(r: ReportedScenario): void {
    const span =
      r.status === 'not-applicable'
        ? r.failures[0]
        : `${(r.virtualMs / 1000).toFixed(0)} s ${r.clock === 'real' ? 'real media' : 'virtual'}, ${r.wallMs.toFixed(0)} ms wall`;
    this.print(`${MARK[r.status]}  ${r.name}  (${span})`);
    if (r.status !== 'failed' && r.status !== 'interrupted') return;
    const lines = r.failures.join('\n').split('\n');
    for (const line of lines.slice(0, this.failureLines)) this.print(`      ${line}`);
    const cut = lines.length - this.failureLines;
    if (cut > 0) this.print(`      … ${cut} more ${cut === 1 ? 'line' : 'lines'} not shown: the full text is in results.json (scenarios[].failures)`);
  }

  onRunEnd({ results }: RunEnd): void {
    const n = (status: ReportedScenario['status']): number => results.filter((r) => r.status === status).length;
    const na = n('not-applicable');
    const stopped = n('interrupted');
    this.print(`${n('passed')} passed, ${n('failed')} failed${na ? `, ${na} not applicable` : ''}${stopped ? `, ${stopped} interrupted` : ''}`);
  }
}
