/**
 * HttpBodyReader on whole responses cut at every boundary, fed through one
 * reused buffer (as the shared read buffer is), and on broken ones.
 */
import { HttpBodyReader, HttpResponseError, type HttpResponseHead } from './http-body-reader';

interface Read {
  head?: HttpResponseHead;
  body: Buffer;
  complete: boolean;
}

/** Feed `bytes` `step` at a time through one buffer that is scribbled over after each push. */
function read(bytes: Buffer, step: number): Read {
  const out: Read = { body: Buffer.alloc(0), complete: false };
  const parts: Buffer[] = [];
  const r = new HttpBodyReader({
    onHead: (h) => (out.head = h),
    onBody: (b) => parts.push(Buffer.from(b)),
    onComplete: () => (out.complete = true),
  });
  const reused = Buffer.alloc(step);
  for (let i = 0; i < bytes.length; i += step) {
    const n = bytes.copy(reused, 0, i, i + step);
    r.push(reused.subarray(0, n));
    reused.fill(0x5a);
  }
  out.body = Buffer.concat(parts);
  return out;
}

const body = Buffer.concat([Buffer.from('FLV\x01\x05\x00\x00\x00\x09', 'latin1'), Buffer.alloc(700, 7), Buffer.from('\r\n0\r\n', 'latin1')]);

function chunked(data: Buffer, sizes: number[]): Buffer {
  const parts: Buffer[] = [Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n', 'latin1')];
  let p = 0;
  for (const n of sizes) {
    parts.push(Buffer.from(`${n.toString(16)}${n % 2 ? ';ext=1' : ''}\r\n`, 'latin1'), data.subarray(p, p + n), Buffer.from('\r\n', 'latin1'));
    p += n;
  }
  parts.push(Buffer.from('0\r\n\r\n', 'latin1'));
  return Buffer.concat(parts);
}

describe('HttpBodyReader', () => {
  it('reads a chunked response the same however the reads cut it', () => {
    const bytes = chunked(body, [9, 1, 300, 255, body.length - 565]);
    for (const step of [1, 2, 3, 5, 17, 100, bytes.length]) {
      const r = read(bytes, step);
      expect(r.head?.statusCode).toBe(200);
      expect(r.head?.headers.get('content-type')).toBe('video/x-flv');
      expect(r.body.equals(body)).toBe(true);
      expect(r.complete).toBe(true);
    }
  });

  it('reads a body of Content-Length bytes, and one that lasts until the server closes', () => {
    const fixed = Buffer.concat([Buffer.from(`HTTP/1.1 404 Not Found\r\ncontent-length: ${body.length}\r\n\r\n`, 'latin1'), body]);
    for (const step of [1, 7, fixed.length]) {
      const r = read(fixed, step);
      expect(r.head?.statusCode).toBe(404);
      expect(r.body.equals(body)).toBe(true);
      expect(r.complete).toBe(true);
    }
    const open = Buffer.concat([Buffer.from('HTTP/1.0 200 OK\r\n\r\n', 'latin1'), body]);
    const r = read(open, 11);
    expect(r.body.equals(body)).toBe(true);
    expect(r.complete).toBe(false);
    expect(read(Buffer.from('HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n', 'latin1'), 4).complete).toBe(true);
  });

  it('names what is wrong with a response that is not HTTP, or not chunked as it says', () => {
    expect(() => read(Buffer.from('FLV\x01\x05\r\n\r\n', 'latin1'), 64)).toThrow(new HttpResponseError('the status line is "FLV\\u0001\\u0005"'));
    expect(() => read(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'latin1'), 64)).toThrow(
      '[live-harness] Failed to read the server\'s HTTP response: a chunk size is not hexadecimal ("zz"). Check that the URL is an HTTP-FLV URL of a live server.',
    );
    expect(() => read(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY', 'latin1'), 64)).toThrow('a chunk does not end with CRLF');
    expect(() => read(Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;${'x'.repeat(2000)}`, 'latin1'), 64)).toThrow(
      'a chunk-size line is too long',
    );
    expect(() => read(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', 'latin1'), 64)).toThrow('Content-Length is "-1"');
    expect(() => read(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nX: ', 'latin1'), Buffer.alloc(70_000, 0x61)]), 4096)).toThrow(
      'no end of the headers in its first 65536 bytes',
    );
  });
});
