/**
 * An HTTP/1.1 response read from raw socket bytes: the status line and
 * headers, then the body, chunked or not, handed on as it arrives. Just what
 * a media viewer needs from a server's GET answer, without node:http, whose
 * socket reads allocate per read (see shared-read-buffer.ts).
 *
 * Bytes fed to it may be reused once push() returns: the head is copied
 * while it is incomplete; body bytes are passed on as views, at once.
 */
export interface HttpResponseHead {
  readonly statusCode: number;
  /** lower-cased names */
  readonly headers: ReadonlyMap<string, string>;
}

export interface HttpBodyEvents {
  onHead(head: HttpResponseHead): void;
  onBody(bytes: Buffer): void;
  /** the body is complete (the last chunk; or Content-Length bytes) */
  onComplete(): void;
}

export class HttpResponseError extends Error {
  constructor(message: string) {
    super(`[live-harness] Failed to read the server's HTTP response: ${message}. Check that the URL is an HTTP-FLV URL of a live server.`);
    this.name = 'HttpResponseError';
  }
}

const CRLF_CRLF = Buffer.from('\r\n\r\n', 'latin1');
/** A head longer than this is not a media server's answer. */
const MAX_HEAD_BYTES = 64 * 1024;
/** Chunk-size (hex, extensions) or trailer lines longer than this are not HTTP. */
const MAX_LINE = 1024;

type State = 'head' | 'size' | 'data' | 'data-crlf' | 'trailers' | 'identity' | 'done';

export class HttpBodyReader {
  private state: State = 'head';
  private head: Buffer = Buffer.alloc(0);
  private line = '';
  private remaining = 0;
  /** bytes of CRLF still to skip after a chunk's data */
  private crlf = 0;

  constructor(private readonly events: HttpBodyEvents) {}

  get complete(): boolean {
    return this.state === 'done';
  }

  push(bytes: Buffer): void {
    let p = 0;
    if (this.state === 'head') {
      p = this.readHead(bytes);
      if (p < 0) return;
    }
    while (p < bytes.length && this.state !== 'done') {
      switch (this.state) {
        case 'identity': {
          const n = this.remaining < 0 ? bytes.length - p : Math.min(this.remaining, bytes.length - p);
          this.events.onBody(bytes.subarray(p, p + n));
          p += n;
          if (this.remaining >= 0) {
            this.remaining -= n;
            if (this.remaining === 0) this.finish();
          }
          break;
        }
        case 'size': {
          // Every tag of a live stream is a chunk: its size line, whole in the read, is read without strings.
          const fast = this.line === '' ? plainChunkSize(bytes, p) : undefined;
          if (fast) {
            p = fast.next;
            this.remaining = fast.size;
            this.state = fast.size === 0 ? 'trailers' : 'data';
            break;
          }
          const [next, line] = this.takeLine(bytes, p, 'a chunk-size line');
          p = next;
          if (line === undefined) break;
          const hex = line.split(';')[0].trim();
          if (!/^[0-9a-fA-F]{1,8}$/.test(hex)) throw new HttpResponseError(`a chunk size is not hexadecimal (${JSON.stringify(hex.slice(0, 20))})`);
          this.remaining = parseInt(hex, 16);
          this.state = this.remaining === 0 ? 'trailers' : 'data';
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, bytes.length - p);
          this.events.onBody(bytes.subarray(p, p + n));
          p += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.state = 'data-crlf';
            this.crlf = 2;
          }
          break;
        }
        case 'data-crlf': {
          while (this.crlf > 0 && p < bytes.length) {
            const expected = this.crlf === 2 ? 0x0d : 0x0a;
            if (bytes[p] !== expected) throw new HttpResponseError('a chunk does not end with CRLF');
            p++;
            this.crlf--;
          }
          if (this.crlf === 0) this.state = 'size';
          break;
        }
        case 'trailers': {
          // Trailer lines until an empty one; a media server sends none.
          const [next, line] = this.takeLine(bytes, p, 'a trailer line');
          p = next;
          if (line === '') this.finish();
          break;
        }
        default:
          return;
      }
    }
  }

  /** A CRLF-ended line, gathered across reads: where reading goes on, and the line (without CRLF) once whole. */
  private takeLine(bytes: Buffer, p: number, what: string): [number, string | undefined] {
    const nl = bytes.indexOf(0x0a, p);
    const end = nl < 0 ? bytes.length : nl;
    this.line += bytes.toString('latin1', p, end);
    if (this.line.length > MAX_LINE) throw new HttpResponseError(`${what} is too long`);
    if (nl < 0) return [end, undefined];
    const line = this.line.replace(/\r$/, '');
    this.line = '';
    return [nl + 1, line];
  }

  /** Returns where the body starts in `bytes`, or -1 while the head is incomplete. */
  private readHead(bytes: Buffer): number {
    const prior = this.head.length;
    this.head = prior ? Buffer.concat([this.head, bytes]) : bytes;
    // The end may straddle two reads: look from 3 bytes before the new ones.
    const at = this.head.indexOf(CRLF_CRLF, Math.max(0, prior - 3));
    if (at < 0) {
      if (this.head.length > MAX_HEAD_BYTES) throw new HttpResponseError(`no end of the headers in its first ${MAX_HEAD_BYTES} bytes`);
      this.head = Buffer.from(this.head); // ours, since the caller may reuse its bytes
      return -1;
    }
    const lines = this.head.toString('latin1', 0, at).split('\r\n');
    this.head = Buffer.alloc(0);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
    if (!status) throw new HttpResponseError(`the status line is ${JSON.stringify(lines[0].slice(0, 60))}`);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const chunked = /(^|,)\s*chunked\s*$/i.test(headers.get('transfer-encoding') ?? '');
    const length = headers.get('content-length');
    if (chunked) this.state = 'size';
    else if (length !== undefined) {
      if (!/^\d+$/.test(length)) throw new HttpResponseError(`Content-Length is ${JSON.stringify(length)}`);
      this.remaining = Number(length);
      this.state = 'identity';
    } else {
      this.remaining = -1; // until the server closes
      this.state = 'identity';
    }
    this.events.onHead({ statusCode: Number(status[1]), headers });
    if (this.state === 'identity' && this.remaining === 0) this.finish();
    return at + 4 - prior;
  }

  private finish(): void {
    this.state = 'done';
    this.events.onComplete();
  }
}

/** A chunk-size line of 1–8 hex digits and CRLF, whole in `bytes` at `p`: its size and where the data begins. */
function plainChunkSize(bytes: Buffer, p: number): { size: number; next: number } | undefined {
  let size = 0;
  let i = p;
  for (; i < bytes.length && i - p <= 8; i++) {
    const b = bytes[i];
    const digit = b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1;
    if (digit < 0) break;
    size = size * 16 + digit;
  }
  if (i === p || i - p > 8 || i + 1 >= bytes.length || bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) return undefined;
  return { size, next: i + 2 };
}
