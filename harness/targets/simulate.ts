/**
 * The in-process target: pages on miniprogram-simulate with the mock live
 * components, in virtual time or on real media. A session is a Rig,
 * seen through RigSession.
 */
import { createRig } from '../rig';
import { RigSession } from './rig-session';
import { TargetError, type Session, type SessionOptions, type Target } from './target';

export const simulate: Target = {
  name: 'simulate',
  // 'browser': browser viewers on real media, over the rig's server and fault proxy; 'audience': audiences on real media.
  capabilities: ['virtual-time', 'real-media', 'browser', 'audience'],
  open(o: SessionOptions): Session {
    if (o.clock !== 'virtual-time' && o.clock !== 'real-media')
      throw new TargetError(`[live-harness] Failed to open a simulate session: clock ${JSON.stringify(o.clock)} is not 'virtual-time' or 'real-media'.`);
    const rig = createRig({
      seed: o.seed,
      params: o.params,
      client: o.client,
      network: o.network,
      miniprogramRoot: o.miniprogramRoot,
      ...(o.clock === 'real-media' ? { media: o.media ?? 'local' } : {}),
    });
    return new RigSession(rig);
  },
};
