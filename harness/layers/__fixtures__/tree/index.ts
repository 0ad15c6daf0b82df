// The root may take the clock only: exporting the model is a forbidden export … from.
export { tick } from './mocks/time';
export { Model } from './mocks/model';
