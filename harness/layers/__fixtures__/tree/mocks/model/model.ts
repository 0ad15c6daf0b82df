import type { Clock as Face } from '../time';
// Past the clock's index, then a side-effect import of a layer the model may not take.
import { Clock } from '../time/clock';
import '../link';

export class Model {
  readonly clock: Face = new Clock();
}
