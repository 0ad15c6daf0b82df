/**
 * FLV in and out: a streaming tag reader (ffmpeg's stdout, an HTTP-FLV
 * response) and the in-band clock: an H.264 SEI (user data unregistered)
 * carrying the publisher's wall time, so any player — this process, a browser,
 * a phone — can measure latency from the stream alone.
 */
export const TAG_AUDIO = 8;
export const TAG_VIDEO = 9;
export const TAG_SCRIPT = 18;

export interface FlvTag {
  readonly type: number;
  /** ms, extended to 32 bits */
  readonly timestamp: number;
  readonly data: Buffer;
}

/** Feed bytes as they arrive; complete tags come out. Header and previous-tag sizes are skipped. */
export class FlvReader {
  private buf: Buffer = Buffer.alloc(0);
  private headerDone = false;

  constructor(private readonly onTag: (tag: FlvTag) => void) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let p = 0;
    if (!this.headerDone) {
      if (this.buf.length < 13) return;
      if (this.buf.toString('latin1', 0, 3) !== 'FLV') throw new Error('[live-harness] Failed to read FLV: the stream does not start with "FLV". Check that the URL serves HTTP-FLV.');
      p = this.buf.readUInt32BE(5) + 4; // header + PreviousTagSize0
      this.headerDone = true;
    }
    while (this.buf.length - p >= 11) {
      const size = this.buf.readUIntBE(p + 1, 3);
      if (this.buf.length - p < 11 + size + 4) break;
      const type = this.buf[p] & 0x1f;
      const ts = this.buf.readUIntBE(p + 4, 3) | (this.buf[p + 7] << 24);
      this.onTag({ type, timestamp: ts >>> 0, data: Buffer.from(this.buf.subarray(p + 11, p + 11 + size)) });
      p += 11 + size + 4;
    }
    this.buf = this.buf.subarray(p);
  }
}

export function isKeyFrame(tag: FlvTag): boolean {
  return tag.type === TAG_VIDEO && tag.data.length > 1 && tag.data[0] >> 4 === 1 && tag.data[1] === 1;
}

/** AVC/AAC sequence headers and metadata: sent first on every (re)connection. */
export function isSequenceHeader(tag: FlvTag): boolean {
  if (tag.type === TAG_SCRIPT) return true;
  if (tag.type === TAG_VIDEO) return tag.data.length > 1 && (tag.data[0] & 0x0f) === 7 && tag.data[1] === 0;
  if (tag.type === TAG_AUDIO) return tag.data.length > 1 && tag.data[0] >> 4 === 10 && tag.data[1] === 0;
  return false;
}

/** Our SEI payload UUID: no zero bytes, so no emulation-prevention bytes are ever needed. */
const CLOCK_UUID = Buffer.from('4c482d636c6f636b2d6c6976652d6831', 'hex'); // "LH-clock-live-h1"
const CLOCK_PREFIX = 'lh:';

/** Prepend a clock SEI to an AVC NALU tag (4-byte NAL lengths, as ffmpeg writes them). */
export function stampVideoTag(data: Buffer, wallMs: number, seq: number): Buffer {
  if (data.length < 5 || (data[0] & 0x0f) !== 7 || data[1] !== 1) return data;
  const text = Buffer.from(`${CLOCK_PREFIX}${wallMs.toFixed(3)}:${seq}`, 'latin1');
  const payload = Buffer.concat([CLOCK_UUID, text]);
  // NAL: header(0x06) · payloadType 5 · payloadSize · payload · rbsp trailing bits
  const nal = Buffer.concat([Buffer.from([0x06, 0x05, payload.length]), payload, Buffer.from([0x80])]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(nal.length);
  return Buffer.concat([data.subarray(0, 5), len, nal, data.subarray(5)]);
}

/** Find our clock SEI in an AVC NALU tag: the publisher's wall ms and sequence, if present. */
export function readVideoClock(data: Buffer): { wallMs: number; seq: number } | undefined {
  if (data.length < 5 || (data[0] & 0x0f) !== 7 || data[1] !== 1) return undefined;
  let p = 5;
  while (p + 4 <= data.length) {
    const n = data.readUInt32BE(p);
    const nal = data.subarray(p + 4, p + 4 + n);
    p += 4 + n;
    if (nal.length < 3 || (nal[0] & 0x1f) !== 6 || nal[1] !== 5) continue;
    const size = nal[2];
    const payload = nal.subarray(3, 3 + size);
    if (payload.length < 16 || !payload.subarray(0, 16).equals(CLOCK_UUID)) continue;
    const m = /^lh:(\d+(?:\.\d+)?):(\d+)$/.exec(payload.subarray(16).toString('latin1'));
    if (m) return { wallMs: Number(m[1]), seq: Number(m[2]) };
  }
  return undefined;
}
