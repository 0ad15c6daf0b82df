/**
 * One direction of a proxied connection: bytes read from one socket, passed
 * through the stream toxics that apply right now, written to the other. With
 * no toxic and nothing queued, a chunk is written at once (the fast path that
 * keeps the proxy's own cost under a millisecond). Otherwise chunks queue and
 * go one at a time, in order; when the queue grows, the source is paused, so
 * a slow or stalled path pushes back on the sender as a real one does.
 */
import type { Socket } from 'node:net';
import type { Chunk, Direction, StreamToxic } from './toxic';

/** A stream toxic as it applies to this pipe: its own signal aborts when it is removed. */
export interface ActiveStage {
  readonly toxic: StreamToxic;
  readonly signal: AbortSignal;
}

/**
 * Stop reading the source past this much queued. Generous: a long path holds
 * its latency's worth of bytes in flight (800 ms of a 10 Mbit/s stream is 1 MB),
 * and bytes left unread in the kernel would be stamped late and wait twice.
 */
const HIGH_WATER_BYTES = 4 * 1024 * 1024;

export class Pipe {
  private readonly queue: Chunk[] = [];
  private queuedBytes = 0;
  private running = false;
  private paused = false;
  private ending = false;
  private closed = false;
  /** aborts every wait of this pipe when the connection goes */
  private readonly gone = new AbortController();
  private moved = 0;

  constructor(
    readonly direction: Direction,
    private readonly from: Socket,
    private readonly to: Socket,
    /** the stream toxics that apply now, in order */
    private readonly stages: () => readonly ActiveStage[],
    private readonly onMoved: (bytes: number) => void,
  ) {
    from.on('data', (data: Buffer) => this.take(data));
    from.once('end', () => {
      this.ending = true;
      if (!this.running) this.finish();
    });
  }

  get bytes(): number {
    return this.moved;
  }

  /** A new toxic set: a pipe idle on the fast path needs nothing; a running one picks it up at its next chunk. */
  close(): void {
    this.closed = true;
    this.gone.abort();
    this.queue.length = 0;
  }

  private take(data: Buffer): void {
    if (this.closed) return;
    if (!this.running && this.queue.length === 0 && this.stages().length === 0) {
      if (!this.writable()) return;
      const flowing = this.to.write(data);
      // Counted once written: a listener on the count may end the connection (a close toxic's
      // afterBytes), and the chunk that crosses its limit goes before the FIN, never after it.
      this.count(data.length);
      if (!flowing && !this.closed) this.pauseUntilDrain();
      return;
    }
    this.queue.push({ data, readAtMs: performance.now() });
    this.queuedBytes += data.length;
    if (this.queuedBytes > HIGH_WATER_BYTES && !this.paused) {
      this.paused = true;
      this.from.pause();
    }
    if (!this.running) void this.drain();
  }

  private pauseUntilDrain(): void {
    if (this.paused) return;
    this.paused = true;
    this.from.pause();
    this.to.once('drain', () => {
      this.paused = false;
      if (!this.closed) this.from.resume();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const c = this.queue.shift() as Chunk;
        this.queuedBytes -= c.data.length;
        await this.through(c, this.stages(), 0);
        if (this.paused && this.queuedBytes < HIGH_WATER_BYTES / 2 && !this.closed) {
          this.paused = false;
          this.from.resume();
        }
      }
    } finally {
      this.running = false;
    }
    if (this.ending) this.finish();
  }

  private through(c: Chunk, stages: readonly ActiveStage[], i: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (i === stages.length) return this.write(c.data);
    const st = stages[i];
    // Removed while the chunk was on its way: it goes on past the toxic.
    if (st.signal.aborted) return this.through(c, stages, i + 1);
    return st.toxic.pass(c, (out) => this.through(out, stages, i + 1), AbortSignal.any([st.signal, this.gone.signal]));
  }

  private write(data: Buffer): Promise<void> {
    if (!this.writable()) return Promise.resolve();
    const flowing = this.to.write(data);
    this.count(data.length);
    if (flowing || this.to.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.to.off('drain', done);
        this.to.off('close', done);
        resolve();
      };
      this.to.once('drain', done);
      this.to.once('close', done);
    });
  }

  /**
   * Whether bytes may still go to the other side. Never after its end: a write after end()
   * is an error on that socket, and the connection would take it for a reset.
   */
  private writable(): boolean {
    return !this.closed && !this.to.destroyed && !this.to.writableEnded;
  }

  private count(n: number): void {
    this.moved += n;
    this.onMoved(n);
  }

  /** The source sent FIN and everything read has gone on: pass the FIN on. */
  private finish(): void {
    if (this.closed || this.to.destroyed) return;
    this.to.end();
  }
}
