/** Time and chance, below both the model and the links: everything that moves or draws is handed these. */
export { VirtualClock, RealClock } from './clock';
export type { Clock, TimerHandle } from './clock';
export { Random } from './random';
