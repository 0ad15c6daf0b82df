// A value from a layer this folder may take only types from.
import { tick } from '../time';

export const later = tick + 1;
