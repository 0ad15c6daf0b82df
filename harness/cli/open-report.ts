/**
 * `--open`: shows the HTML report with the platform's opener (xdg-open, open,
 * start), only when asked. Without an opener it says so and prints the path.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface OpenOptions {
  readonly print: (line: string) => void;
  readonly platform: NodeJS.Platform;
  /** PATH to look for the opener in; default process.env.PATH */
  readonly path?: string;
}

/** The opener's command and its arguments for `file` on `platform`. */
export function openerFor(platform: NodeJS.Platform, file: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [file] };
  // start is a cmd.exe builtin; its first quoted argument is the window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', file] };
  return { command: 'xdg-open', args: [file] };
}

function onPath(command: string, path: string): boolean {
  return path.split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Starts the opener detached (the run does not wait for the browser). Resolves whether it was started. */
export async function openReport(file: string | undefined, o: OpenOptions): Promise<boolean> {
  if (!file) {
    o.print('[live-harness] Failed to open the report: this run wrote no index.html. Add html to --reporter.');
    return false;
  }
  const { command, args } = openerFor(o.platform, file);
  const path = o.path ?? process.env.PATH ?? '';
  if (o.platform !== 'win32' && !onPath(command, path)) {
    o.print(`[live-harness] Failed to open the report: ${command} is not on PATH. Open ${file} in a browser.`);
    return false;
  }
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', (e) => {
      o.print(`[live-harness] Failed to open the report: ${command} did not start (${e.message}). Open ${file} in a browser.`);
      resolve(false);
    });
    child.once('spawn', () => {
      child.unref();
      o.print(`opened ${file} with ${command}`);
      resolve(true);
    });
  });
}
