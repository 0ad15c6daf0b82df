/** The targets the command line and scripts pick by name (`--target automator-sim`). */
import { automatorSim } from './automator-sim';
import { simulate } from './simulate';
import type { Target } from './target';

export const TARGETS: Readonly<Record<string, Target>> = Object.freeze({ simulate, 'automator-sim': automatorSim });
