/** The layer checker: import sites from syntax trees, resolved, judged against a per-folder allow-list. */
export { checkLayers, layerOf } from './check-layers';
export type { ImportEdge, LayerReport, Offence, OffenceKind } from './check-layers';
export { importSites } from './import-sites';
export type { ImportForm, ImportSite } from './import-sites';
export { moduleTarget, packageName } from './module-target';
export type { ModuleTarget } from './module-target';
export type { FolderRule, LayerRules } from './rules';
export { PROJECT_LAYERS } from './allow-list';
