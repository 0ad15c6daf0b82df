/**
 * How the preset's test environment (outside the test file's realm) reaches
 * the rigs of a test (inside it): the setup file puts a RealmHook on the
 * realm's global, and the environment calls it as tests start and end.
 */

/** Set on the realm's global by the preset's test environment, before any setup file runs. */
export const ENVIRONMENT_MARK = Symbol.for('live-harness.jest.environment');

/** Where the setup file puts its RealmHook. */
export const REALM_HOOK = Symbol.for('live-harness.jest.hook');

export interface TestOutcome {
  /** the full name, describe blocks included, as jest prints it */
  readonly name: string;
  readonly failed: boolean;
  /** failed by jest's timeout (the test body may still be running) */
  readonly timedOut: boolean;
}

export interface RealmHook {
  testStarted(name: string): void;
  /** Dispose what the test left open; returns what to tell the user (nothing when all is well). */
  testDone(outcome: TestOutcome): Promise<string[]>;
  /** Dispose what the file left open and stop its shared server; returns what to tell the user. */
  fileDone(file: string): Promise<string[]>;
}
