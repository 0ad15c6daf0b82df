export type * from './types';
export { parseStreamUrl } from './target';
export { VirtualLink } from './virtual/virtual-link';
export type { VirtualLinkOptions, Resource } from './virtual/virtual-link';
export { VirtualServer } from './virtual/virtual-server';
export type { ServerStream, ServerListener } from './virtual/virtual-server';
export { BUILTIN_PROFILES, validateProfile, NetworkProfileError } from './virtual/network-profile';
export type { NetworkProfile, NetworkIncident, IncidentKind } from './virtual/network-profile';
