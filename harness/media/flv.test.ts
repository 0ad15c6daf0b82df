import { FlvReader, isKeyFrame, readVideoClock, readVideoSei, stampVideoTag, TAG_VIDEO, type FlvTag } from './flv';

function flvBytes(tags: FlvTag[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0])];
  for (const t of tags) {
    const h = Buffer.alloc(11);
    h[0] = t.type;
    h.writeUIntBE(t.data.length, 1, 3);
    h.writeUIntBE(t.timestamp & 0xffffff, 4, 3);
    h[7] = (t.timestamp >>> 24) & 0xff;
    const prev = Buffer.alloc(4);
    prev.writeUInt32BE(11 + t.data.length);
    parts.push(h, t.data, prev);
  }
  return Buffer.concat(parts);
}

const keyframe = Buffer.from([0x17, 1, 0, 0, 0, 0, 0, 0, 3, 0x65, 0x88, 0x84]);

describe('FlvReader', () => {
  it('reads tags whatever the chunking, including 32-bit timestamps', () => {
    const tags: FlvTag[] = [
      { type: TAG_VIDEO, timestamp: 0, data: keyframe },
      { type: 8, timestamp: 23, data: Buffer.from([0xaf, 1, 1, 2]) },
      { type: TAG_VIDEO, timestamp: 0x01000010, data: Buffer.from([0x27, 1, 0, 0, 0]) },
    ];
    const bytes = flvBytes(tags);
    for (const step of [1, 7, bytes.length]) {
      const got: FlvTag[] = [];
      const r = new FlvReader((t) => got.push(t));
      for (let i = 0; i < bytes.length; i += step) r.push(bytes.subarray(i, i + step));
      expect(got.map((t) => [t.type, t.timestamp, t.data.toString('hex')])).toEqual(tags.map((t) => [t.type, t.timestamp, t.data.toString('hex')]));
    }
  });

  it('lends tags without keeping the bytes it was fed: a caller may reuse its buffer after each push', () => {
    const tags: FlvTag[] = [
      { type: TAG_VIDEO, timestamp: 0, data: keyframe },
      { type: 8, timestamp: 23, data: Buffer.from([0xaf, 1, 1, 2]) },
      { type: TAG_VIDEO, timestamp: 66, data: Buffer.alloc(300, 0x27) },
      { type: 8, timestamp: 46, data: Buffer.from([0xaf, 1, 9]) },
    ];
    const bytes = flvBytes(tags);
    for (const step of [1, 2, 7, 13, 64, bytes.length]) {
      const seen: string[] = [];
      const reused = Buffer.alloc(step);
      // A lent tag is read in the call, as an audience viewer does; what it held after is not its business.
      const r = new FlvReader((t) => seen.push(`${t.type}:${t.timestamp}:${t.data.toString('hex')}`), true);
      for (let i = 0; i < bytes.length; i += step) {
        const n = bytes.copy(reused, 0, i, i + step);
        r.push(reused.subarray(0, n));
        reused.fill(0xee); // the shared read buffer, overwritten by the next read
      }
      expect(seen).toEqual(tags.map((t) => `${t.type}:${t.timestamp}:${t.data.toString('hex')}`));
    }
  });

  it('rejects a stream that is not FLV, saying what to check', () => {
    expect(() => new FlvReader(() => undefined).push(Buffer.from('<html>not found</html>'))).toThrow(
      '[live-harness] Failed to read FLV: the stream does not start with "FLV". Check that the URL serves HTTP-FLV.',
    );
  });
});

describe('the in-band clock', () => {
  it('survives a round trip and leaves the frame a key frame', () => {
    const stamped = stampVideoTag(keyframe, 1732469123456.789, 42);
    expect(readVideoClock(stamped)).toEqual({ wallMs: 1732469123456.789, seq: 42 });
    expect(isKeyFrame({ type: TAG_VIDEO, timestamp: 0, data: stamped })).toBe(true);
    // the original NAL is still there, after ours
    expect(stamped.subarray(stamped.length - 7).toString('hex')).toBe(keyframe.subarray(5).toString('hex'));
    expect(readVideoClock(keyframe)).toBeUndefined();
  });

  it('reads the clock in place exactly as the full SEI reader does, and falls back to it for any other layout', () => {
    const times = [0, 1, 12.5, 999.999, 1732469123456.789, 1764100000000.001, 2 ** 41 + 0.5];
    for (const ms of times)
      for (const seq of [0, 1, 42, 2 ** 31]) {
        for (const messages of [[], ['m'], ['x'.repeat(300), 'a\u0000\u0000\u0001b']]) {
          const stamped = stampVideoTag(keyframe, ms, seq, messages);
          expect(readVideoClock(stamped)).toEqual(readVideoSei(stamped).clock);
          expect(readVideoClock(stamped)).toEqual({ wallMs: Number(ms.toFixed(3)), seq });
        }
      }
    // A message before the clock (another writer's order): not our in-place layout, still read.
    const seiOf = (t: Buffer): Buffer => t.subarray(9, 9 + t.readUInt32BE(5));
    const clockFirst = seiOf(stampVideoTag(keyframe, 5.5, 9));
    const withMessage = seiOf(stampVideoTag(keyframe, 0, 0, ['first'])); // clock, then the message
    const clockPayload = clockFirst.subarray(1, clockFirst.length - 1); // type, size, uuid, text
    const messagePayload = withMessage.subarray(1 + 2 + withMessage[2], withMessage.length - 1); // after the clock's type, size, body
    const reordered = Buffer.concat([Buffer.from([0x06]), messagePayload, clockPayload, Buffer.from([0x80])]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(reordered.length);
    const tag = Buffer.concat([keyframe.subarray(0, 5), len, reordered, keyframe.subarray(5)]);
    expect(readVideoSei(tag)).toEqual({ clock: { wallMs: 5.5, seq: 9 }, messages: ['first'] });
    expect(readVideoClock(tag)).toEqual({ wallMs: 5.5, seq: 9 });
    // Damaged text is no clock, in place or not.
    const bad = Buffer.from(stampVideoTag(keyframe, 5.5, 9));
    bad[bad.indexOf('lh:') + 4] = 0x41;
    expect(readVideoClock(bad)).toEqual(readVideoSei(bad).clock);
    expect(readVideoClock(bad)).toBeUndefined();
  });
});

describe('page messages in the SEI', () => {
  it('carry any text, long or with bytes that need emulation prevention, next to the clock', () => {
    const long = 'x'.repeat(600);
    const zeros = 'a\u0000\u0000\u0001b\u0000\u0000\u0000c';
    const stamped = stampVideoTag(keyframe, 12.5, 7, ['hello 你好', long, zeros]);
    const sei = readVideoSei(stamped);
    expect(sei.clock).toEqual({ wallMs: 12.5, seq: 7 });
    expect(sei.messages).toEqual(['hello 你好', long, zeros]);
    // no start-code emulation inside the NAL we wrote
    const n = stamped.readUInt32BE(5);
    const nal = stamped.subarray(9, 9 + n);
    for (let i = 0; i + 2 < nal.length; i++) expect(nal[i] === 0 && nal[i + 1] === 0 && nal[i + 2] <= 3 && nal[i + 2] !== 3).toBe(false);
  });
});
