/**
 * One line per scenario as it ends (PASS / FAIL / N/A, how long on which
 * clock), the failures of a failed one beneath it, and a summary line.
 */
import type { ReportedScenario, Reporter, RunEnd } from './reporter';

export interface ConsoleReporterOptions {
  /** where lines go; default console.log */
  readonly print?: (line: string) => void;
  /** at most this many lines of failure text per scenario (the aligned timelines are long); default 40 */
  readonly failureLines?: number;
}

const MARK = { passed: 'PASS', failed: 'FAIL', 'not-applicable': 'N/A ', interrupted: 'INT ' } as const;

export class ConsoleReporter implements Reporter {
  private readonly print: (line: string) => void;
  private readonly failureLines: number;

  constructor(options: ConsoleReporterOptions = {}) {
    this.print = options.print ?? ((line) => console.log(line));
    this.failureLines = options.failureLines ?? 40;
  }

  onScenarioEnd(r: ReportedScenario): void {
    const span =
      r.status === 'not-applicable'
        ? r.failures[0]
        : `${(r.virtualMs / 1000).toFixed(0)} s ${r.clock === 'real' ? 'real media' : 'virtual'}, ${r.wallMs.toFixed(0)} ms wall`;
    this.print(`${MARK[r.status]}  ${r.name}  (${span})`);
    if (r.status === 'failed') for (const line of r.failures.join('\n').split('\n').slice(0, this.failureLines)) this.print(`      ${line}`);
  }

  onRunEnd({ results }: RunEnd): void {
    const n = (status: ReportedScenario['status']): number => results.filter((r) => r.status === status).length;
    const na = n('not-applicable');
    this.print(`${n('passed')} passed, ${n('failed')} failed${na ? `, ${na} not applicable` : ''}`);
  }
}
