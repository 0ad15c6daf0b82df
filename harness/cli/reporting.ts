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
  /** Says which old run folders were pruned (once); returns index.html's path, when one was written. */
  afterRun(): string | undefined;
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
  // Named as written: createReporters runs the line reporter last, so the paths come before its summary, which ends the output.
  const onWritten = (file: string): void => {
    written.push(file);
    o.print(`report: ${file}`);
  };
  const reporter = createReporters(o.names, {
    folder,
    stream: o.isTTY ? process.stdout : lineStream(o.print),
    isTTY: o.isTTY,
    onWritten,
    htmlReporter: (f) => new HtmlReporter({ folder: f, onWritten }),
  });
  let printed = false;
  return {
    reporter,
    folder,
    afterRun() {
      const index = written.find((f) => f.endsWith('index.html'));
      if (!printed) {
        if (folder.pruned.length > 0)
          o.print(`pruned ${folder.pruned.length} old run ${folder.pruned.length === 1 ? 'folder' : 'folders'} (--keep ${folder.keep})`);
      }
      printed = true;
      return index;
    },
  };
}
