/**
 * Refuse: new connections are refused (the client's connect fails with
 * ECONNREFUSED, as when nothing listens); open ones go on.
 */
import type { AcceptToxic } from '../toxic';

export function refuseToxic(): AcceptToxic {
  return { kind: 'accept', meet: 'refuse' };
}
