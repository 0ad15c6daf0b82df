/**
 * node-media-server's own signed URLs: `?sign=<expireUnixSeconds>-<md5hex>`,
 * where the hash is of `<streamPath>-<expire>-<secret>` (its
 * node_core_utils.js verifyAuth, 2.7.4). The server refuses a publish or play
 * whose sign is missing, wrong, or past its expiry. A phone on the LAN gets
 * such URLs, so another host on the same network can neither publish nor play.
 */
import { createHash, randomBytes } from 'node:crypto';

/** How long a sign stays valid when nobody says: a long device session, with margin. */
export const DEFAULT_SIGN_VALID_FOR_MS = 6 * 60 * 60 * 1000;

export class UrlSignError extends Error {
  readonly code = 'LH_URL_SIGN';
}

/** `/live/abc` (no query, no `.flv`) signed until `expiresAtSec` (unix seconds). */
export function signStreamPath(streamPath: string, secret: string, expiresAtSec: number): string {
  if (!/^\/[^?#\s]+$/.test(streamPath) || streamPath.endsWith('.flv'))
    throw new UrlSignError(
      `[live-harness] Failed to sign a stream URL: ${JSON.stringify(streamPath)} is not a server stream path. Pass it as the server knows it, like "/live/abc" (no query, no .flv).`,
    );
  if (!Number.isInteger(expiresAtSec) || expiresAtSec <= 0)
    throw new UrlSignError(
      `[live-harness] Failed to sign a stream URL: expiry ${expiresAtSec} is not unix seconds. Pass a whole number of seconds since 1970.`,
    );
  const hash = createHash('md5').update(`${streamPath}-${expiresAtSec}-${secret}`).digest('hex');
  return `${expiresAtSec}-${hash}`;
}

/** The server path of an rtmp:// or http(s)://….flv URL: `rtmp://h:1/live/abc?x=1` → `/live/abc`. */
export function streamPathOfUrl(url: string): string {
  const m = /^(?:rtmp|https?|wss?):\/\/[^/?#]+(\/[^?#]*)/i.exec(url);
  if (!m || m[1] === '/')
    throw new UrlSignError(
      `[live-harness] Failed to sign ${JSON.stringify(url)}: it names no stream. Pass rtmp://host:port/app/stream or http://host:port/app/stream.flv.`,
    );
  return m[1].replace(/\.flv$/i, '');
}

/** The URL with `sign=` set (replacing any sign it had), other query keys kept in order. */
export function withSign(url: string, sign: string): string {
  const [head, ...rest] = url.split('#');
  const hash = rest.length ? `#${rest.join('#')}` : '';
  const q = head.indexOf('?');
  const base = q < 0 ? head : head.slice(0, q);
  const kept =
    q < 0
      ? []
      : head
          .slice(q + 1)
          .split('&')
          .filter((p) => p !== '' && !/^sign(=|$)/.test(p));
  return `${base}?${[...kept, `sign=${sign}`].join('&')}${hash}`;
}

export interface SignOptions {
  /** how long from now the sign is valid, ms (the signer's default otherwise) */
  readonly validForMs?: number;
  /** an absolute expiry instead (wall ms); one in the past makes a sign the server refuses */
  readonly expiresAtMs?: number;
}

/**
 * Signs for one server. The secret never leaves this object and the server
 * process (it is passed in the environment, not on the command line, where
 * any local user could read it).
 */
export class UrlSigner {
  readonly #secret: string;

  constructor(
    secret: string = randomBytes(24).toString('hex'),
    readonly validForMs: number = DEFAULT_SIGN_VALID_FOR_MS,
  ) {
    if (secret.length < 16)
      throw new UrlSignError(
        `[live-harness] Failed to set up signed URLs: the secret is ${secret.length} characters. Use at least 16, or leave it unset for a random one.`,
      );
    if (!(validForMs >= 1000))
      throw new UrlSignError(`[live-harness] Failed to set up signed URLs: signValidForMs ${validForMs} is under a second. Use e.g. 3600000 (an hour).`);
    this.#secret = secret;
  }

  /** For the server process only. */
  get secret(): string {
    return this.#secret;
  }

  /** The expiry, wall ms, a sign made now would carry. */
  expiryMs(o: SignOptions = {}, nowMs = Date.now()): number {
    return o.expiresAtMs ?? nowMs + (o.validForMs ?? this.validForMs);
  }

  /** The `sign` value for a server stream path (`/live/abc`). */
  sign(streamPath: string, o: SignOptions = {}): string {
    return signStreamPath(streamPath, this.#secret, Math.floor(this.expiryMs(o) / 1000));
  }

  /** An rtmp:// or http://….flv URL of this server with its sign. */
  signUrl(url: string, o: SignOptions = {}): string {
    return withSign(url, this.sign(streamPathOfUrl(url), o));
  }
}
