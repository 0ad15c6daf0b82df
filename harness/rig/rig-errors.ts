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
