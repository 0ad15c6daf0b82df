/** The rig's own errors, shared by the rig and its worlds. */
export class RigError extends Error {
  readonly code = 'LH_RIG';
}

/** A wait of the rig that dispose() cut short. */
export class RigDisposedError extends Error {
  readonly code = 'LH_RIG_DISPOSED';
  constructor() {
    super('[live-harness] Failed to go on: the rig was disposed while waiting (a timeout or Ctrl-C). Nothing to fix unless you did not expect the stop.');
    this.name = 'RigDisposedError';
  }
}

/** The test runs where there is no DOM (jest's "node" environment): pages cannot render. */
export class NoDomError extends Error {
  readonly code = 'LH_NO_DOM';
  constructor(action: string) {
    super(
      `[live-harness] Failed to ${action}: there is no DOM here (window is not defined), and miniprogram-simulate renders pages in jsdom. ` +
        "Use the preset (preset: 'live-harness' in the jest config sets the test environment), or testEnvironment: 'jsdom', " +
        'or a /** @jest-environment jsdom */ docblock at the top of the test file.',
    );
    this.name = 'NoDomError';
  }
}

/** Throws NoDomError unless a DOM (jsdom's window and document) is there. */
export function assertDom(action: string): void {
  const g = globalThis as { window?: unknown; document?: unknown };
  if (typeof g.window !== 'object' || g.window === null || typeof g.document !== 'object' || g.document === null) throw new NoDomError(action);
}
