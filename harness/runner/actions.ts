/**
 * What a scenario's timeline steps do to the rig: each action, on any target.
 */
import type { PageHandle, Session } from '../targets';
import { faultsOfAction } from './fault-actions';
import type { Action } from './scenario';

export async function perform(rig: Session, page: PageHandle, a: Action): Promise<void> {
  // Faults, in any spelling.
  const faults = faultsOfAction(a);
  if (faults) {
    if ('issue' in faults)
      throw new Error(`[live-harness] Failed to perform ${JSON.stringify(a)}: ${faults.issue.path.slice(1)} ${faults.issue.reason}. ${faults.issue.remedy}`);
    // A fault targeted at a browser viewer (`target: 'browser#web'`) goes on that viewer's path, not the phone's network.
    for (const f of faults.faults) await (rig.browsers?.targets(f) ? rig.browsers.apply(f) : rig.network.apply(f));
    return;
  }
  if (typeof a === 'string') {
    switch (a) {
      case 'background':
        await page.hide();
        return rig.device.background();
      case 'foreground':
        await rig.device.foreground();
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
    return;
  }
  if ('device' in a) {
    if (a.device.fault) await rig.device.fault(a.device.fault);
    if (a.device.audioRoute) await rig.device.audioRoute(a.device.audioRoute);
    return;
  }
  if ('page' in a) {
    await page.call(a.page, ...(a.args ?? []));
    return;
  }
  if ('setData' in a) return page.setData({ ...a.setData });
  if ('tap' in a) return page.tap(a.tap);
  if ('context' in a) return rig.context(page, a.context, a.method, { ...(a.args ?? {}) });
  if ('publish' in a) return rig.streams.publish(a.publish, a.options);
  if ('unpublish' in a) return rig.streams.unpublish(a.unpublish);
  if ('freeze' in a) return rig.streams.freeze(a.freeze, a.for);
  if ('remote' in a) return rig.streams.set(a.remote, { camera: a.camera, mic: a.mic, screen: a.screen });
}
