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

/**
 * Feed bytes as they arrive; complete tags come out. Header and previous-tag
 * sizes are skipped. A lending reader hands out views, valid only during the
 * call (see RtmpEvents.onTagView), and keeps no view of the bytes it is fed:
 * the caller may reuse them once push returns. Otherwise each tag is a copy.
 */
const NOTHING = Buffer.alloc(0);

export class FlvReader {
  private buf: Buffer = NOTHING;
  private headerDone = false;

  constructor(
    private readonly onTag: (tag: FlvTag) => void,
    private readonly lend = false,
  ) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let p = 0;
    if (!this.headerDone) {
      if (this.buf.length < 13) return this.keep(0);
      if (this.buf.toString('latin1', 0, 3) !== 'FLV')
        throw new Error('[live-harness] Failed to read FLV: the stream does not start with "FLV". Check that the URL serves HTTP-FLV.');
      p = this.buf.readUInt32BE(5) + 4; // header + PreviousTagSize0
      this.headerDone = true;
    }
    while (this.buf.length - p >= 11) {
      const size = this.buf.readUIntBE(p + 1, 3);
      if (this.buf.length - p < 11 + size + 4) break;
      const type = this.buf[p] & 0x1f;
      const ts = this.buf.readUIntBE(p + 4, 3) | (this.buf[p + 7] << 24);
      const data = this.buf.subarray(p + 11, p + 11 + size);
      this.onTag({ type, timestamp: ts >>> 0, data: this.lend ? data : Buffer.from(data) });
      p += 11 + size + 4;
    }
    this.keep(p);
  }

  /** A tag cut by the read: keep its start, in memory of our own when the caller's bytes may be reused. */
  private keep(from: number): void {
    if (from >= this.buf.length) {
      this.buf = NOTHING;
      return;
    }
    const rest = this.buf.subarray(from);
    this.buf = this.lend && rest.length ? Buffer.from(rest) : rest;
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

/** Our SEI payload UUIDs (user data unregistered): the publisher's clock, and page messages (sendMessage). */
const CLOCK_UUID = Buffer.from('4c482d636c6f636b2d6c6976652d6831', 'hex'); // "LH-clock-live-h1"
const MESSAGE_UUID = Buffer.from('4c482d6d6573736167652d6c6976652d', 'hex'); // "LH-message-live-"
const SEI_USER_DATA_UNREGISTERED = 5;

/** H.264 emulation prevention: no 00 00 0x (x ≤ 3) may appear inside a NAL unit. */
function escapeRbsp(rbsp: Buffer): Buffer {
  const out: number[] = [];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

function unescapeRbsp(nal: Buffer): Buffer {
  const out: number[] = [];
  let zeros = 0;
  for (const b of nal) {
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

/** One SEI NAL (type 6) carrying user-data-unregistered messages. */
function seiNal(payloads: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of payloads) {
    const size: number[] = [];
    for (let n = p.length; ; n -= 255) {
      if (n >= 255) size.push(255);
      else {
        size.push(n);
        break;
      }
    }
    parts.push(Buffer.from([SEI_USER_DATA_UNREGISTERED, ...size]), p);
  }
  parts.push(Buffer.from([0x80])); // rbsp trailing bits
  return Buffer.concat([Buffer.from([0x06]), escapeRbsp(Buffer.concat(parts))]);
}

function isAvcNalus(data: Buffer): boolean {
  return data.length >= 5 && (data[0] & 0x0f) === 7 && data[1] === 1;
}

/**
 * Prepend an SEI with the publisher's wall time (and any page messages) to an
 * AVC NALU tag (4-byte NAL lengths, as ffmpeg writes them). Other tags pass unchanged.
 */
export function stampVideoTag(data: Buffer, wallMs: number, seq: number, messages: readonly string[] = []): Buffer {
  if (!isAvcNalus(data)) return data;
  const clock = Buffer.concat([CLOCK_UUID, Buffer.from(`lh:${wallMs.toFixed(3)}:${seq}`, 'latin1')]);
  const nal = seiNal([clock, ...messages.map((m) => Buffer.concat([MESSAGE_UUID, Buffer.from(m, 'utf8')]))]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(nal.length);
  return Buffer.concat([data.subarray(0, 5), len, nal, data.subarray(5)]);
}

export interface VideoSei {
  /** the publisher's wall ms and frame sequence, when the frame carries our clock */
  readonly clock?: { readonly wallMs: number; readonly seq: number };
  readonly messages: readonly string[];
}

/** Read our SEI payloads from an AVC NALU tag. */
export function readVideoSei(data: Buffer): VideoSei {
  const messages: string[] = [];
  let clock: VideoSei['clock'];
  if (!isAvcNalus(data)) return { messages };
  let p = 5;
  while (p + 4 <= data.length) {
    const n = data.readUInt32BE(p);
    const raw = data.subarray(p + 4, p + 4 + n);
    p += 4 + n;
    if (raw.length < 3 || (raw[0] & 0x1f) !== 6) continue;
    const rbsp = unescapeRbsp(raw.subarray(1));
    let q = 0;
    while (q < rbsp.length && rbsp[q] !== 0x80) {
      let type = 0;
      while (rbsp[q] === 255) type += rbsp[q++];
      type += rbsp[q++];
      let size = 0;
      while (rbsp[q] === 255) size += rbsp[q++];
      size += rbsp[q++];
      const payload = rbsp.subarray(q, q + size);
      q += size;
      if (type !== SEI_USER_DATA_UNREGISTERED || payload.length < 16) continue;
      const uuid = payload.subarray(0, 16);
      if (uuid.equals(CLOCK_UUID)) {
        const m = /^lh:(\d+(?:\.\d+)?):(\d+)$/.exec(payload.subarray(16).toString('latin1'));
        if (m) clock = { wallMs: Number(m[1]), seq: Number(m[2]) };
      } else if (uuid.equals(MESSAGE_UUID)) messages.push(payload.subarray(16).toString('utf8'));
    }
  }
  return { clock, messages };
}

/**
 * Find our clock SEI in an AVC NALU tag: the publisher's wall ms and sequence,
 * if present. Called for every frame of every viewer of an audience, so the
 * usual frame (the clock first in its SEI, as stampVideoTag writes it) is read
 * in place, without unescaping; anything else goes through readVideoSei.
 */
export function readVideoClock(data: Buffer): { wallMs: number; seq: number } | undefined {
  if (!isAvcNalus(data)) return undefined;
  let p = 5;
  while (p + 4 <= data.length) {
    const n = data.readUInt32BE(p);
    const nal = p + 4;
    p = nal + n;
    if (n < 3 || (data[nal] & 0x1f) !== 6) continue;
    // The clock's text ("lh:<ms>:<seq>") has no zero bytes, so no emulation-prevention byte can fall inside it.
    const uuid = nal + 3;
    if (data[nal + 1] !== SEI_USER_DATA_UNREGISTERED || data[nal + 2] >= 255 || p > data.length) return readVideoSei(data).clock;
    if (data.compare(CLOCK_UUID, 0, 16, uuid, uuid + 16) !== 0) return readVideoSei(data).clock;
    const end = uuid + data[nal + 2];
    const clock = parseClockText(data, uuid + 16, Math.min(end, p));
    return clock ?? readVideoSei(data).clock;
  }
  return undefined;
}

/** "lh:<ms>[.<frac>]:<seq>" read straight from the bytes; undefined if it is not exactly that. */
function parseClockText(b: Buffer, from: number, to: number): { wallMs: number; seq: number } | undefined {
  if (to - from < 6 || b[from] !== 0x6c || b[from + 1] !== 0x68 || b[from + 2] !== 0x3a) return undefined;
  let i = from + 3;
  let ms = 0;
  let digits = 0;
  while (i < to && b[i] >= 0x30 && b[i] <= 0x39) {
    ms = ms * 10 + b[i++] - 0x30;
    digits++;
  }
  if (digits === 0) return undefined;
  if (b[i] === 0x2e) {
    let scale = 1;
    let frac = 0;
    i++;
    const start = i;
    while (i < to && b[i] >= 0x30 && b[i] <= 0x39) {
      frac = frac * 10 + b[i++] - 0x30;
      scale *= 10;
    }
    if (i === start) return undefined;
    ms += frac / scale;
  }
  if (b[i++] !== 0x3a) return undefined;
  let seq = 0;
  const start = i;
  while (i < to && b[i] >= 0x30 && b[i] <= 0x39) seq = seq * 10 + b[i++] - 0x30;
  if (i === start || i !== to) return undefined;
  return { wallMs: ms, seq };
}
