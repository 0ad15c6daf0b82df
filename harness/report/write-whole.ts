/**
 * A report file written whole or not at all: into a temporary name, then
 * renamed over the real one, so a reader (CI picking up junit.xml, a second
 * Ctrl-C mid-write) never meets half a file.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeWhole(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
