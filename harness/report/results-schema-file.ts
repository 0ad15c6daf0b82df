/**
 * Where results.json's JSON Schema is, in a clone and in the installed
 * package (the build copies it beside the compiled reporters), for a user's
 * CI that validates reports.
 */
import { join } from 'node:path';

export const RESULTS_SCHEMA_FILE = join(__dirname, 'results.schema.json');
