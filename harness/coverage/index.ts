export { COVERAGE_ITEMS } from './items';
export type { CoverageItem, TestRef } from './items';
export { coverageFigures, renderCoverageDoc } from './render';
export type { CoverageFigures } from './render';
