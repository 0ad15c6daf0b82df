export { ModelKit } from './model-kit';
export type { KitEvent } from './model-kit';
