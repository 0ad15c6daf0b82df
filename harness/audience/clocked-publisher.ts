/**
 * A stream for an audience to watch when no page publishes one (bench:load,
 * `live-harness load`): ffmpeg's synthetic camera republished over RTMP, the
 * publisher's wall time in every video frame's SEI as the rig's pushers put
 * it, so every viewer measures latency from the stream alone.
 */
import '../dispose-symbols';
import { flv, RtmpPublisher, type SourceSettings, SyntheticSource } from '../media';

export class PublisherError extends Error {
  readonly code = 'LH_AUDIENCE_PUBLISHER';
}

export class ClockedPublisher implements AsyncDisposable {
  private source: SyntheticSource | undefined;
  private publisher: RtmpPublisher | undefined;
  private seq = 0;
  private sentFrames = 0;

  constructor(
    readonly rtmpUrl: string,
    readonly settings: SourceSettings,
  ) {}

  /** video frames written so far */
  get frames(): number {
    return this.sentFrames;
  }

  /** Resolves once the server accepted the publish and the encoder's first frames are on their way. */
  async start(timeoutMs = 15_000): Promise<this> {
    const source = new SyntheticSource(this.settings);
    this.source = source;
    await source.start(timeoutMs);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(`the server did not accept the publish within ${timeoutMs} ms`), timeoutMs);
      const fail = (why: string): void => {
        clearTimeout(timer);
        reject(
          new PublisherError(
            `[live-harness] Failed to publish the audience's stream to ${this.rtmpUrl}: ${why}. Check that the server runs and accepts the key.`,
          ),
        );
      };
      this.publisher = new RtmpPublisher(this.rtmpUrl, {
        onStarted: () => {
          clearTimeout(timer);
          resolve();
        },
        onRejected: (code) => fail(`the server said ${code}`),
        onEnd: (how, started) => {
          if (!started) fail(`the connection ended (${how})`);
        },
      }).start();
    });
    const publisher = this.publisher as RtmpPublisher;
    for (const h of source.sequenceHeaders) publisher.write(h);
    let keyed = false;
    source.onTag((tag) => {
      if (flv.isSequenceHeader(tag)) return publisher.write(tag);
      if (tag.type === flv.TAG_VIDEO) {
        // A viewer's decoder starts at a key frame; so does the stream.
        if (!keyed && !flv.isKeyFrame(tag)) return;
        keyed = true;
        this.sentFrames++;
        return publisher.write({ ...tag, data: flv.stampVideoTag(tag.data, Date.now(), this.seq++) });
      }
      publisher.write(tag);
    });
    return this;
  }

  async stop(): Promise<void> {
    this.publisher?.close();
    this.publisher = undefined;
    await this.source?.stop();
    this.source = undefined;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
