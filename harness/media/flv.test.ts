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
