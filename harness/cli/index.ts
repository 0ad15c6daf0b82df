export { main, CliError, REPORT_SCHEMA_VERSION } from './main';
