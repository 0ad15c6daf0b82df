// The bottom layer importing one above it.
import { LINK } from '../link';

export class Clock {
  readonly name = LINK;
  now(): number {
    return 0;
  }
}
