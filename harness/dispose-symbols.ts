/**
 * `await using rig = createRig()` needs Symbol.asyncDispose. Node 20 defines it
 * only in its own realm, not in jest's vm realm; use the same registered
 * symbols Node uses so both agree.
 */
const S = Symbol as unknown as { asyncDispose?: symbol; dispose?: symbol };
S.asyncDispose ??= Symbol.for('nodejs.asyncDispose');
S.dispose ??= Symbol.for('nodejs.dispose');

export {};
