export type * from './types';
export { FAULTS, FAULT_VERBS, faultSpec, checkFault } from './faults';
export { renderFaultsDoc } from './faults-doc';
export type {
  Fault,
  FaultOf,
  FaultVerb,
  FaultSpec,
  FaultParamSpec,
  ParamUnit,
  FaultIssue,
  NetworkShape,
  NetworkProfile,
  NetworkIncident,
  LegacyNetworkIncident,
  IncidentKind,
} from './faults';
export { parseStreamUrl } from './target';
export { VirtualLink } from './virtual/virtual-link';
export type { VirtualLinkOptions, Resource } from './virtual/virtual-link';
export { VirtualServer } from './virtual/virtual-server';
export type { ServerStream, ServerListener } from './virtual/virtual-server';
export { BUILTIN_PROFILES, validateProfile, NetworkProfileError } from './virtual/network-profile';
export { MediaLink, MediaUnsupportedError, MediaNotReadyError, MEDIA_GAPS } from './media/media-link';
export type { MediaLinkOptions } from './media/media-link';
export { HostMap, HostMapError, DEFAULT_HOSTS } from './media/host-map';
export type { HostRoute } from './media/host-map';
export type * from './media/wire';
export { ZERO_PUBLISH_STATS } from './media/wire';
