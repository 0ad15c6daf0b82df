export { main, CliError } from './main';
export { REPORT_SCHEMA_VERSION } from '../report';
