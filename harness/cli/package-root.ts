import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The live-harness package folder, from source (harness/cli) or from dist (dist/harness/cli). */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'live-harness') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`[live-harness] Failed to find the live-harness package above ${from}. Reinstall live-harness.`);
    dir = up;
  }
}
