export { AutomatorSim, AutomatorSimError } from './automator-sim';
export type { AutomatorSimOptions } from './automator-sim';
export { ProtocolError } from './protocol';
export type { DomainHandlers, MethodHandler, CallContext } from './protocol';
