export { Model } from './model';
export { load } from './lazy';
