/** App.*: the app service (page stack, wx, evaluate, bindings, console, exit). */
import type { LoadedPageHandle } from '../rig';
import { arrayParam, ProtocolError, stringParam, toWire, type DomainHandlers } from './protocol';
import { settled, type SimHost } from './sim-host';

export function pageInfo(host: SimHost, page: LoadedPageHandle): { pageId: number; path: string; query: Record<string, string> } {
  return { pageId: host.ids.pageId(page), path: page.route, query: { ...page.query } };
}

export function appDomain(host: SimHost): DomainHandlers {
  const { rig } = host;
  return {
    getCurrentPage: (_p, call) => {
      const page = rig.currentPage;
      if (!page)
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: no page is open (the app exited). Open one with App.callWxMethod reLaunch.`);
      return pageInfo(host, page);
    },
    getPageStack: () => ({ pageStack: rig.pageStack.map((p) => pageInfo(host, p)) }),
    callWxMethod: async (p, call) => {
      if (p.pluginId !== undefined && p.pluginId !== null)
        throw new ProtocolError(
          `[live-harness] Failed to run ${call.method}: plugin ${JSON.stringify(p.pluginId)} is not loaded in automator-sim. Call the app's own wx (drop pluginId).`,
        );
      const method = stringParam(p, 'method', call);
      const result = await host.wxMethods.call(method, arrayParam(p, 'args', call), `${call.method} ${method}`);
      await rig.settle();
      return { result: toWire(result) };
    },
    mockWxMethod: (p, call) => {
      const method = stringParam(p, 'method', call);
      if (p.pluginId !== undefined && p.pluginId !== null)
        throw new ProtocolError(
          `[live-harness] Failed to run ${call.method}: plugin ${JSON.stringify(p.pluginId)} is not loaded in automator-sim. Mock the app's own wx (drop pluginId).`,
        );
      if (typeof p.functionDeclaration === 'string')
        host.wxMethods.mock(method, { functionDeclaration: p.functionDeclaration, extraArgs: arrayParam(p, 'args', call) }, call.method);
      else if ('result' in p) host.wxMethods.mock(method, { result: p.result }, call.method);
      else host.wxMethods.restore(method);
      return {};
    },
    callFunction: async (p, call) => {
      const source = stringParam(p, 'functionDeclaration', call);
      let fn: unknown;
      try {
        fn = rig.compileInAppService(source);
      } catch (e) {
        throw new ProtocolError(
          `[live-harness] Failed to run ${call.method}: the function does not compile (${(e as Error).message}). Send a function's source.`,
        );
      }
      if (typeof fn !== 'function')
        throw new ProtocolError(`[live-harness] Failed to run ${call.method}: functionDeclaration is not a function. Send a function's source.`);
      const result = await settled((fn as (...a: unknown[]) => unknown)(...arrayParam(p, 'args', call)));
      await rig.settle();
      return { result: toWire(result) };
    },
    addBinding: (p, call) => {
      const name = stringParam(p, 'name', call);
      if (!/^[A-Za-z_$][\w$]*$/.test(name))
        throw new ProtocolError(
          `[live-harness] Failed to run ${call.method}: "${name}" is not a JavaScript identifier, so page code could not call it. Pick a name like "onLiveEvent".`,
        );
      host.appService.addBinding(name);
      return {};
    },
    enableLog: () => {
      host.appService.enableLog();
      return {};
    },
    // The app closes: every page unloads, top first, as when the user leaves the mini-program.
    exit: async () => {
      const stack = rig.pageStack.length;
      if (stack > 0) await rig.back(stack);
      return {};
    },
  };
}
