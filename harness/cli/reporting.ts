/**
 * The reporters a run writes through, from --reporter, and the paths of what
 * they wrote, printed at the end of the run.
 */
import { ConsoleReporter, JsonReporter, combineReporters, type Reporter } from '../report';

export interface RunReportingOptions {
  readonly names: readonly string[];
  /** the reports folder */
  readonly dir: string;
  /** run folders kept */
  readonly keep: number;
  readonly print: (line: string) => void;
  readonly isTTY: boolean;
}

export interface RunReporting {
  readonly reporter: Reporter;
  /** Prints the paths of the files written (once); returns index.html's, when one was written. */
  printPaths(): string | undefined;
}

export function createRunReporting(o: RunReportingOptions): RunReporting {
  const json = o.names.includes('json') ? new JsonReporter({ dir: o.dir }) : undefined;
  const reporters: Reporter[] = [];
  if (json) reporters.push(json);
  // Every line of a failure: the full text is long, but one cut short hides the step that went wrong.
  if (o.names.includes('line')) reporters.push(new ConsoleReporter({ print: o.print, failureLines: Number.POSITIVE_INFINITY }));
  let printed = false;
  return {
    reporter: combineReporters(...reporters),
    printPaths() {
      if (!printed && json?.file) o.print(`report: ${json.file}`);
      printed = true;
      return undefined;
    },
  };
}
