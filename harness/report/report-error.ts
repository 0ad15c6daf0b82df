/** A report could not be written or set up; the message names what and how to fix it. */
export class ReportError extends Error {
  readonly code: string = 'LH_REPORT';
}

/** `--reporter` named a reporter that does not exist. */
export class ReporterNameError extends ReportError {
  override readonly code = 'LH_REPORTER_NAME';
}
