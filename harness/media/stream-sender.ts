/**
 * The network side of one publish connection: takes tags from a capture and
 * writes them to an RTMP publisher as the SDK would — codec headers first,
 * video from the next key frame on, the publisher's clock in every video
 * frame's SEI, frames skipped when the send queue grows too old — and keeps
 * the counters the media link turns into netstatus.
 */
import type { WireOutput, WirePublishStats } from '../../mocks/link';
import type { CapturedTag, CaptureSession } from './capture-session';
import { isKeyFrame, isSequenceHeader, stampVideoTag, TAG_AUDIO, TAG_VIDEO } from './flv';
import type { RtmpPublisher } from './rtmp-client';
import type { SendRegistry } from './send-registry';

interface Written {
  readonly endByte: number;
  readonly mediaMs: number;
  readonly video: boolean;
}

export interface SenderOptions {
  readonly streamPath: string;
  readonly registry?: SendRegistry;
  /** skip video while the oldest queued media is older than this (the SDK's frame skipping) */
  readonly maxQueueMs: number;
}

export class StreamSender {
  private out: WireOutput = { video: true, audio: true, keyFramesOnly: false };
  private needKeyFrame = true;
  private skipping = false;
  private readonly fifo: Written[] = [];
  private readonly messages: string[] = [];
  private attached = false;
  private detach: (() => void) | undefined;
  private flushedMediaMs = 0;
  private lastWrittenMediaMs = 0;
  private lastFlushedBytes = 0;
  private lastFlushWallMs = Date.now();
  private encodedVideoBytes = 0;
  private encodedAudioBytes = 0;
  private encodedVideoFrames = 0;
  private droppedMediaMs = 0;

  constructor(
    private readonly capture: CaptureSession,
    private readonly publisher: RtmpPublisher,
    private readonly opts: SenderOptions,
  ) {}

  /** The server accepted the publish: headers now, media from here on. */
  begin(): void {
    if (this.attached) return;
    this.attached = true;
    this.detach = this.capture.whenReady(() => {
      for (const h of this.capture.sequenceHeaders) this.write(h.type, h.data, h.timestamp);
      for (const t of this.capture.backlog) this.onTag(t);
      this.detach = this.capture.onTag((t) => this.onTag(t));
    });
  }

  output(o: WireOutput): void {
    // Video that comes back (camera on, app in front) must restart at a key frame.
    if ((o.video && !this.out.video) || (this.out.keyFramesOnly && !o.keyFramesOnly)) this.needKeyFrame = true;
    this.out = o;
  }

  message(text: string): void {
    this.messages.push(text);
  }

  private onTag(c: CapturedTag): void {
    const { tag } = c;
    if (isSequenceHeader(tag)) return this.write(tag.type, tag.data, tag.timestamp);
    if (tag.type === TAG_AUDIO) {
      if (!this.out.audio) return;
      this.encodedAudioBytes += tag.data.length;
      this.opts.registry?.record(this.opts.streamPath, tag.timestamp, c.wallMs);
      return this.write(TAG_AUDIO, tag.data, tag.timestamp);
    }
    if (tag.type !== TAG_VIDEO || !this.out.video) return;
    const key = isKeyFrame(tag);
    if (this.out.keyFramesOnly && !key) return;
    this.encodedVideoBytes += tag.data.length;
    this.encodedVideoFrames++;
    if (this.needKeyFrame && !key) return;
    this.needKeyFrame = false;
    const queued = this.queuedMediaMs();
    if (this.skipping && key && queued < this.opts.maxQueueMs / 2) this.skipping = false;
    else if (!this.skipping && queued > this.opts.maxQueueMs) this.skipping = true;
    if (this.skipping) {
      this.droppedMediaMs += 1000 / Math.max(1, this.capture.settings.fps);
      return;
    }
    const data = stampVideoTag(tag.data, c.wallMs, c.seq, this.messages.splice(0));
    this.opts.registry?.record(this.opts.streamPath, tag.timestamp, c.wallMs);
    this.write(TAG_VIDEO, data, tag.timestamp);
  }

  private write(type: number, data: Buffer, mediaMs: number): void {
    if (!this.publisher.publishing) return;
    if (this.fifo.length === 0) this.lastFlushWallMs = Date.now(); // an empty queue owes nothing yet
    const before = this.publisher.bytesWritten;
    this.publisher.write({ type, timestamp: mediaMs, data });
    const end = this.publisher.bytesWritten;
    if (end === before) return;
    this.fifo.push({ endByte: end, mediaMs, video: type === TAG_VIDEO });
    this.lastWrittenMediaMs = Math.max(this.lastWrittenMediaMs, mediaMs);
  }

  /** Drop what has reached the server (the publisher's acknowledged bytes) from the queue's head. */
  private settle(): void {
    const flushed = this.publisher.bytesWritten - this.publisher.queuedBytes;
    if (flushed > this.lastFlushedBytes) {
      this.lastFlushedBytes = flushed;
      this.lastFlushWallMs = Date.now();
    }
    while (this.fifo.length > 0 && this.fifo[0].endByte <= flushed) {
      this.flushedMediaMs = Math.max(this.flushedMediaMs, (this.fifo.shift() as Written).mediaMs);
    }
  }

  private queuedMediaMs(): number {
    this.settle();
    return this.fifo.length === 0 ? 0 : Math.max(0, this.lastWrittenMediaMs - this.fifo[0].mediaMs);
  }

  stats(): WirePublishStats {
    const queuedMediaMs = this.queuedMediaMs();
    let v = 0;
    for (const w of this.fifo) if (w.video) v++;
    return {
      bytesFlushed: this.lastFlushedBytes,
      bytesQueued: this.publisher.queuedBytes,
      flushedMediaMs: this.flushedMediaMs,
      queuedMediaMs,
      queuedVideoFrames: v,
      queuedAudioFrames: this.fifo.length - v,
      encodedVideoBytes: this.encodedVideoBytes,
      encodedAudioBytes: this.encodedAudioBytes,
      encodedVideoFrames: this.encodedVideoFrames,
      droppedMediaMs: this.droppedMediaMs,
      lastFlushWallMs: this.lastFlushWallMs,
    };
  }

  stop(): void {
    this.detach?.();
    this.detach = undefined;
  }
}
