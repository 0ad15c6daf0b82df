/** Tool.*: the DevTools side. */
import type { DomainHandlers } from './protocol';
import { ProtocolError } from './protocol';
import type { SimHost } from './sim-host';

export function toolDomain(host: SimHost): DomainHandlers {
  return {
    // The client's version check reads SDKVersion: the base library of the client profile the rig behaves like.
    getInfo: () => ({ SDKVersion: host.rig.client.baseLibrary }),
    // Answered before anything closes (the client's close() throws otherwise); AutomatorSimOptions.onToolClose runs after the reply.
    close: () => ({}),
    // A phone is stood in for: no QR code to scan; it "connects" right after the reply.
    enableRemoteDebug: (_params, call) => {
      const remote = host.remoteDebug;
      if (remote === false)
        throw new ProtocolError(
          `[live-harness] Failed to run ${call.method}: remote debugging is off on this automator-sim. Start it with remoteDebug enabled (the default) to stand in for a phone.`,
        );
      setTimeout(() => host.emit('Tool.onRemoteDebugConnected', {}), remote.connectAfterMs).unref?.();
      return {};
    },
  };
}
