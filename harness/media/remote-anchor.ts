/**
 * Someone publishing from outside the phone under test (the anchor a viewer
 * page watches): its own encoder and RTMP publisher through the same
 * transport, so its frames carry the same clock and its key the rig's namespace.
 */
import type { CaptureSettings, WirePublisher } from '../../mocks/link';
import type { CaptureSession } from './capture-session';
import type { LocalMediaTransport } from './media-transport';

export class RemoteAnchorError extends Error {
  readonly code = 'LH_REMOTE_ANCHOR';
}

export class RemoteAnchor {
  private capture: CaptureSession | undefined;
  private wire: WirePublisher | undefined;
  private live = false;
  private thaw: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly transport: LocalMediaTransport,
    readonly key: string,
    readonly settings: CaptureSettings,
    private readonly onGone: (why: string) => void = () => undefined,
  ) {}

  get isLive(): boolean {
    return this.live;
  }

  /** Resolves once the server accepted the publish. */
  async start(timeoutMs = 15_000): Promise<this> {
    const capture = await this.transport.startCapture(this.settings);
    this.capture = capture;
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const fail = (why: string): void =>
        settle(
          new RemoteAnchorError(
            `[live-harness] Failed to publish the remote stream "${this.key}": ${why}. Check that the key is not already being published and that the server is reachable.`,
          ),
        );
      const timer = setTimeout(() => fail(`the server did not accept the publish within ${timeoutMs} ms`), timeoutMs);
      this.wire = this.transport.publish({ protocol: 'rtmp', key: this.key, query: {}, connectTimeoutMs: timeoutMs }, capture, {
        onPublishing: () => {
          this.live = true;
          settle();
        },
        onRejected: (why) => fail(`the server refused it (${why})`),
        onEnd: (how) => {
          const was = this.live;
          this.live = false;
          if (!settled) fail(`the connection ended (${how})`);
          else if (was) this.onGone(how);
        },
      });
    }).catch(async (e) => {
      await this.stop();
      throw e;
    });
    return this;
  }

  /** The anchor's uplink freezes: the connection stays, nothing is sent for `forMs`, then it goes on (video from a key frame). */
  freeze(forMs: number, onThaw: () => void = () => undefined): void {
    const wire = this.wire;
    if (!wire) return;
    wire.output({ video: false, audio: false, keyFramesOnly: false });
    clearTimeout(this.thaw);
    this.thaw = setTimeout(() => {
      wire.output({ video: true, audio: true, keyFramesOnly: false });
      onThaw();
    }, forMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.thaw);
    this.live = false;
    this.wire?.close();
    this.wire = undefined;
    await this.capture?.stop();
  }
}
