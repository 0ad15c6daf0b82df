/**
 * What a scenario's timeline steps do to the rig: each action, on any target.
 */
import type { PageHandle, Session } from '../targets';
import type { Action } from './scenario';

export async function perform(rig: Session, page: PageHandle, a: Action): Promise<void> {
  if (typeof a === 'string') {
    switch (a) {
      case 'cut-network':
        return rig.network.cut();
      case 'restore-network':
        return rig.network.restore();
      case 'stall-network':
        return rig.network.stall();
      case 'refuse-connections':
        return rig.network.refuse();
      case 'fail-dns':
        return rig.network.failDns();
      case 'server-close':
        return rig.network.serverClose();
      case 'reset-connections':
        return rig.network.reset();
      case 'background':
        page.hide();
        return rig.device.background();
      case 'foreground':
        rig.device.foreground();
        return page.show();
      case 'phone-call':
        return rig.device.call();
      case 'end-phone-call':
        return rig.device.endCall();
      case 'deny-camera':
        return rig.device.deny('camera');
      case 'deny-microphone':
        return rig.device.deny('microphone');
      case 'back':
        return rig.back();
    }
  }
  if ('network' in a) {
    const n = a.network;
    if (n.set) rig.network.set(n.set);
    if (n.stallFor !== undefined) rig.network.stall(n.stallFor);
    if (n.serverClose !== undefined) rig.network.serverClose(n.serverClose);
    if (n.failDns !== undefined) rig.network.failDns(n.failDns);
    return;
  }
  if ('device' in a) {
    if (a.device.fault) rig.device.fault(a.device.fault);
    if (a.device.audioRoute) rig.device.audioRoute(a.device.audioRoute);
    return;
  }
  if ('page' in a) {
    page.call(a.page, ...(a.args ?? []));
    return;
  }
  if ('setData' in a) return page.setData({ ...a.setData });
  if ('tap' in a) return page.tap(a.tap);
  if ('context' in a) return rig.context(page, a.context, a.method, { ...(a.args ?? {}) });
  if ('publish' in a) return rig.streams.publish(a.publish, a.options);
  if ('unpublish' in a) return rig.streams.unpublish(a.unpublish);
  if ('freeze' in a) return rig.streams.freeze(a.freeze, a.for);
}
