import type { TimelineEntry } from '../record';
import { computeMetrics } from './metrics';

const at = (t: number, kind: TimelineEntry['kind'], detail: Record<string, unknown>): TimelineEntry => ({ t, source: 'browser#web', kind, detail });

describe('metrics of a browser viewer', () => {
  it('come from its own entries: first frame, latency, playback, reconnects and stalls', () => {
    const m = computeMetrics([
      at(0, 'action', { action: 'load' }),
      at(150, 'metric', { name: 'first-frame', ms: 150 }),
      at(1000, 'metric', { name: 'latency', ms: 340, networkMs: 3, bufferMs: 337, samples: 15 }),
      at(1000, 'metric', { name: 'playback', fps: 15, rateKbps: 1200, droppedFrames: 0, unmatchedFrames: 0 }),
      at(2000, 'metric', { name: 'latency', ms: 360, networkMs: 5, bufferMs: 355, samples: 15 }),
      at(2000, 'metric', { name: 'playback', fps: 14, rateKbps: 1000, droppedFrames: 0, unmatchedFrames: 0 }),
      at(2500, 'action', { action: 'stall', sinceFrameMs: 500 }),
      at(2900, 'action', { action: 'reconnect' }),
      at(3000, 'metric', { name: 'playback', fps: 0, rateKbps: 0, droppedFrames: 0, unmatchedFrames: 0 }),
      at(3100, 'action', { action: 'recovered', stalledMs: 600 }),
    ]);
    expect(m['browser#web']).toEqual({
      source: 'browser#web',
      firstFrameMs: 150,
      latencyMs: { p50: 340, p95: 360, max: 360, samples: 2 },
      videoBitrateKbps: 1100,
      fps: 14.5,
      reconnects: 1,
      stalls: 1,
    });
  });
});
