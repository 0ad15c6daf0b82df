/**
 * The phone's network, made of toxics on the fault proxy: what the media
 * link asks for in wire terms (hold a stall, reset the phone's connections,
 * these steady conditions, this much delay on one viewer's path) becomes
 * toxics added and removed on the proxy. Only the phone's connections are
 * touched; remote anchors publish straight to the server.
 */
import type { NetworkShape, WireCondition, WireNetwork } from '../../mocks/link';
import type { StartedFaultProxy } from './fault-proxy';
import { toxicsForShape } from './shape-toxics';
import type { ToxicSpec } from './toxic-spec';

const PHONE = { phone: true } as const;

const CONDITIONS: Readonly<Record<WireCondition, ToxicSpec>> = {
  // Both ways: nothing moves, nothing errors.
  stall: { type: 'stall', direction: 'both', match: PHONE },
  // A stall that also loses what the phone hangs up meanwhile: the server keeps ghosts.
  partition: { type: 'partition', match: PHONE },
  refuse: { type: 'refuse' },
  // RTMP only: HTTP has no handshake of its own to fail.
  'handshake-garbage': { type: 'handshakeGarbage', match: { route: 'rtmp' } },
};

export class ProxyNetwork implements WireNetwork {
  private shapeNames: string[] = [];
  private seq = 0;

  constructor(
    readonly proxy: StartedFaultProxy,
    private readonly seed = 1,
  ) {}

  hold(condition: WireCondition): () => void {
    const name = this.proxy.addToxic({ ...CONDITIONS[condition], name: `${condition}-${++this.seq}` });
    return () => {
      if (this.proxy.hasToxic(name)) this.proxy.removeToxic(name);
    };
  }

  reset(filter?: { readonly key?: string; readonly host?: string }): void {
    // An RST now, to the connections open now: the toxic acts as it is added and is gone again.
    const name = this.proxy.addToxic({ type: 'reset', name: `reset-${++this.seq}`, match: { ...PHONE, ...filter } });
    this.proxy.removeToxic(name);
  }

  shape(shape: NetworkShape | undefined): void {
    for (const n of this.shapeNames) if (this.proxy.hasToxic(n)) this.proxy.removeToxic(n);
    this.shapeNames = [];
    if (!shape) return;
    for (const t of toxicsForShape(shape, `shape${++this.seq}`, this.seed)) this.shapeNames.push(this.proxy.addToxic(t));
  }

  delay(who: string, latencyMs: number): void {
    const name = `delay:${who}`;
    if (this.proxy.hasToxic(name)) this.proxy.removeToxic(name);
    if (latencyMs <= 0) return;
    this.proxy.addToxic({ type: 'latency', name, latencyMs, direction: 'downstream', match: who === '*' ? { role: 'player' } : { who } });
  }
}
