/**
 * A network's steady conditions (the `shape` of the fault vocabulary, a
 * profile's figures) as toxics on the phone's connections: half the RTT each
 * way, the uplink and downlink caps (each shared by all the phone's
 * connections, as a phone's radio is), and loss as the retransmissions it
 * costs. Conditions a loopback already beats add nothing.
 */
import type { NetworkShape } from '../../mocks/link';
import type { ToxicSpec } from './toxic-spec';

/** Caps at or above this are no cap on loopback. */
const UNCAPPED_KBPS = 100_000;
/** Linux's minimum retransmission timeout: a lost segment costs at least this, plus a round trip. */
const MIN_RTO_MS = 200;

export function toxicsForShape(shape: NetworkShape, prefix = 'shape', seed = 1): ToxicSpec[] {
  const phone = { phone: true } as const;
  const out: ToxicSpec[] = [];
  const oneWayMs = shape.rttMs / 2;
  const jitterMs = shape.jitterMs / 2;
  if (oneWayMs >= 1 || jitterMs > 0) {
    out.push({ name: `${prefix}:latency-up`, type: 'latency', direction: 'upstream', latencyMs: oneWayMs, jitterMs, seed, match: phone });
    out.push({ name: `${prefix}:latency-down`, type: 'latency', direction: 'downstream', latencyMs: oneWayMs, jitterMs, seed: seed + 1, match: phone });
  }
  if (shape.upKbps > 0 && shape.upKbps < UNCAPPED_KBPS)
    out.push({ name: `${prefix}:bandwidth-up`, type: 'bandwidth', direction: 'upstream', rateKbps: shape.upKbps, match: phone });
  if (shape.downKbps > 0 && shape.downKbps < UNCAPPED_KBPS)
    out.push({ name: `${prefix}:bandwidth-down`, type: 'bandwidth', direction: 'downstream', rateKbps: shape.downKbps, match: phone });
  if (shape.lossPct > 0)
    out.push({
      name: `${prefix}:loss`,
      type: 'loss',
      direction: 'both',
      lossPct: shape.lossPct,
      retransmitMs: MIN_RTO_MS + shape.rttMs,
      seed: seed + 2,
      match: phone,
    });
  // A zero cap is no network at all: the bytes stop.
  if (shape.upKbps === 0) out.push({ name: `${prefix}:stall-up`, type: 'stall', direction: 'upstream', match: phone });
  if (shape.downKbps === 0) out.push({ name: `${prefix}:stall-down`, type: 'stall', direction: 'downstream', match: phone });
  return out;
}
