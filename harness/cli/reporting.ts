/**
 * The reporters a run writes through (--reporter, harness/report's
 * createReporters) into one ReportFolder (reports/<run-id>/, latest, the last
 * --keep runs), and the paths of what they wrote, printed at the end.
 */
import { createReporters, HtmlReporter, ReportFolder, type LineStream, type Reporter } from '../report';

export interface RunReportingOptions {
  readonly names: readonly string[];
  /** the reports folder */
  readonly dir: string;
  /** run folders kept */
  readonly keep: number;
  readonly print: (line: string) => void;
  /** progress goes to a terminal: the line reporter writes to process.stdout and rewrites its status line */
  readonly isTTY: boolean;
}

export interface RunReporting {
  readonly reporter: Reporter;
  readonly folder: ReportFolder;
  /** Prints the paths of the files written, index.html last (once); returns index.html's, when one was written. */
  printPaths(): string | undefined;
}

/** `print` as a stream: whole lines go to print, a partial one waits for its end. */
function lineStream(print: (line: string) => void): LineStream {
  let pending = '';
  return {
    isTTY: false,
    write(text: string) {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) print(l);
      return true;
    },
  };
}

export function createRunReporting(o: RunReportingOptions): RunReporting {
  const folder = new ReportFolder({ dir: o.dir, keep: o.keep });
  const written: string[] = [];
  const reporter = createReporters(o.names, {
    folder,
    stream: o.isTTY ? process.stdout : lineStream(o.print),
    isTTY: o.isTTY,
    onWritten: (file) => written.push(file),
    htmlReporter: (f) => new HtmlReporter({ folder: () => f.start(), onWritten: (file) => written.push(file) }),
  });
  let printed = false;
  return {
    reporter,
    folder,
    printPaths() {
      const index = written.find((f) => f.endsWith('index.html'));
      if (!printed) {
        for (const f of written.filter((x) => x !== index)) o.print(`report: ${f}`);
        if (index) o.print(`report: ${index}`);
        if (folder.pruned.length > 0)
          o.print(`pruned ${folder.pruned.length} old run ${folder.pruned.length === 1 ? 'folder' : 'folders'} (--keep ${folder.keep})`);
      }
      printed = true;
      return index;
    },
  };
}
