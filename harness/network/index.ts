export { FaultProxy, StartedFaultProxy, FaultProxyError } from './fault-proxy';
export type { FaultProxyOptions, HostPort, ProxyEvent } from './fault-proxy';
export type { ConnectionTags, ConnectionEnd } from './proxy-connection';
export { checkToxic, createToxic, ToxicError, TOXIC_TYPES } from './toxic-spec';
export type { ToxicSpec, ToxicType, ConnectionMatch } from './toxic-spec';
export type { Direction, DirectionChoice, Chunk, StreamToxic, ConnectionToxic, AcceptToxic, Toxic } from './toxic';
export { toxicsForShape } from './shape-toxics';
export { ProxyNetwork } from './proxy-network';
