/**
 * What a toxic is. A stream toxic sits in one direction of a connection and
 * passes each chunk on (later, in pieces, or held): it may delay, never drop.
 * A connection toxic acts on whole connections: it breaks them, closes them,
 * or decides how new ones are met. Every wait takes an AbortSignal: removing
 * a toxic, or the connection closing, ends its waits at once, and a chunk
 * whose wait was cut short is passed on, not lost.
 */

/** Which way the bytes go: upstream is phone → server, downstream server → phone. */
export type Direction = 'upstream' | 'downstream';

/** Where a toxic applies. */
export type DirectionChoice = Direction | 'both';

/** Bytes as the proxy read them, with when it read them (toxics that delay count from then). */
export interface Chunk {
  readonly data: Buffer;
  /** performance.now() when the proxy read the bytes */
  readonly readAtMs: number;
}

/** Passes a chunk on to the next stage; resolves when that stage has taken it. */
export type Next = (chunk: Chunk) => Promise<void>;

export interface StreamToxic {
  readonly kind: 'stream';
  /** Pass `chunk` on through `next`, now or later. An aborted `signal` means: stop waiting and pass on what you hold. */
  pass(chunk: Chunk, next: Next, signal: AbortSignal): Promise<void>;
}

/** What a connection toxic can do to one proxied connection. */
export interface ConnectionHandle {
  /** RST on both sides. */
  reset(): void;
  /** FIN on both sides, after the bytes already on their way. */
  end(): void;
  /**
   * Black-hole the connection until the returned function is called: bytes
   * wait, and a close of the phone's side meanwhile is lost (the server's
   * side stays open, a ghost).
   */
  partition(): () => void;
  /** bytes moved so far in a direction */
  bytes(direction: Direction): number;
  /** called each time bytes move */
  onBytes(listener: () => void): () => void;
}

export interface ConnectionToxic {
  readonly kind: 'connection';
  /**
   * Act on one open connection (those open when the toxic is added, and each
   * that opens while it is there). Returns a function that undoes any timer it set.
   */
  attach(conn: ConnectionHandle): () => void;
}

/** How a new connection is met while this toxic is on its route. */
export interface AcceptToxic {
  readonly kind: 'accept';
  /** 'refuse': nothing listens (the client sees ECONNREFUSED); 'answer': the toxic answers instead of the server */
  readonly meet: 'refuse' | 'answer';
  /** for 'answer': talk to the client socket; the server is never reached */
  answer?(socket: import('node:net').Socket, signal: AbortSignal): void;
}

export type Toxic = StreamToxic | ConnectionToxic | AcceptToxic;

/** A wait that ends early (resolving false) when the signal aborts. */
export function waitMs(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = (): void => done(false);
    // An endless wait (a stall) has no timer at all: setTimeout would read Infinity as 1 ms.
    const timer = Number.isFinite(ms) ? setTimeout(() => done(true), ms) : undefined;
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits until `atMs` (performance.now() time); false if aborted first. */
export function waitUntil(atMs: number, signal: AbortSignal): Promise<boolean> {
  return waitMs(atMs - performance.now(), signal);
}
