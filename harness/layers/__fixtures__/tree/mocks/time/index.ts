export { Clock } from './clock';
export const tick = 1;
