/**
 * When each published tag left its encoder, by stream path and media
 * timestamp. Video frames carry this in-band (SEI) for any player anywhere;
 * audio cannot, so players in this process look audio up here — the only way
 * an audio-only stream gets a latency figure.
 */
const KEEP_PER_STREAM = 4000;

export class SendRegistry {
  private readonly streams = new Map<string, Map<number, number>>();

  record(streamPath: string, mediaMs: number, wallMs: number): void {
    let m = this.streams.get(streamPath);
    if (!m) this.streams.set(streamPath, (m = new Map()));
    if (!m.has(mediaMs)) m.set(mediaMs, wallMs);
    if (m.size > KEEP_PER_STREAM) m.delete(m.keys().next().value as number);
  }

  lookup(streamPath: string, mediaMs: number): number | undefined {
    return this.streams.get(streamPath)?.get(mediaMs);
  }

  forget(streamPath: string): void {
    this.streams.delete(streamPath);
  }
}
