/**
 * doctor's checks for the two targets outside this machine's runtime, run only
 * when asked: a WeChat DevTools command line (`--devtools <cliPath>`) and the
 * LAN address a phone will reach (`--lan <address>`).
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { basename, join } from 'node:path';
import { canBind, isLoopback, lanCandidates, resolveLanAddress, type InterfaceTable } from '../media';
import type { Check } from './check';
import { packageRoot } from './package-root';

/** Where the DevTools installers put the command line (the paths miniprogram-automator's launch() looks in). */
export const DEVTOOLS_CLI_PATHS: Readonly<Record<string, string>> = {
  darwin: '/Applications/wechatwebdevtools.app/Contents/MacOS/cli',
  win32: 'C:/Program Files (x86)/Tencent/微信web开发者工具/cli.bat',
};

export interface DevtoolsCheckOptions {
  readonly platform?: NodeJS.Platform;
  /** executables that speak the DevTools CLI's `auto` command for automator-sim (they pass on any platform); default: this package's bin/automator-sim.js */
  readonly dropIns?: readonly string[];
}

/** automator-sim's stand-in for the DevTools CLI, as installed (`node_modules/.bin/automator-sim` links to it). */
export function automatorSimBin(): string {
  return join(packageRoot(), 'bin', 'automator-sim.js');
}

const LINUX_FIX =
  'run the scripts against automator-sim: automator.connect({ wsEndpoint }) to an AutomatorSim, or automator.launch({ cliPath: \'node_modules/live-harness/bin/automator-sim.js\', projectPath }) (README: "CI with automator-sim")';

const SERVICE_PORT =
  'In DevTools, turn on Settings → Security → Service port (设置 → 安全设置 → 服务端口), or launch() fails with "please make sure http port is open"';

export function checkDevtoolsCli(cliPath: string, o: DevtoolsCheckOptions = {}): Check {
  const platform = o.platform ?? process.platform;
  const label = 'DevTools CLI';
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const isDropIn = (o.dropIns ?? [automatorSimBin()]).some((d) => real(d) === real(cliPath));
  let kind: 'file' | 'dir' | undefined;
  try {
    kind = statSync(cliPath).isDirectory() ? 'dir' : 'file';
  } catch {
    kind = undefined;
  }
  const fallback = DEVTOOLS_CLI_PATHS[platform];
  if (kind === undefined)
    return {
      label,
      ok: false,
      lines: [
        `${cliPath} does not exist`,
        fallback ? `fix: pass the DevTools command line, by default ${fallback}` : `fix: WeChat DevTools has no Linux build; ${LINUX_FIX}`,
      ],
    };
  if (kind === 'dir')
    return {
      label,
      ok: false,
      lines: [`${cliPath} is a folder, not the command line`, `fix: pass the cli executable inside it${fallback ? `, by default ${fallback}` : ''}`],
    };
  if (platform === 'win32') {
    // launch() itself refuses an .exe: the command line is cli.bat, not the GUI.
    if (/\.exe$/i.test(cliPath))
      return {
        label,
        ok: false,
        lines: [`${cliPath} is the DevTools program, not its command line`, `fix: pass the cli.bat next to it, by default ${fallback}`],
      };
  } else {
    try {
      accessSync(cliPath, constants.X_OK);
    } catch {
      return { label, ok: false, lines: [`${cliPath} is not executable`, `fix: chmod +x ${cliPath}, or pass the DevTools command line itself`] };
    }
  }
  if (isDropIn)
    return {
      label,
      ok: true,
      lines: [
        `${cliPath}: live-harness's automator-sim drop-in; launch({ cliPath: ${JSON.stringify(cliPath)}, projectPath }) serves the project on --auto-port`,
      ],
    };
  if (platform === 'linux')
    return {
      label,
      ok: false,
      lines: [
        `${cliPath} exists and is executable, but WeChat DevTools has no Linux build, so it cannot be the DevTools command line`,
        `fix: on Linux, ${LINUX_FIX}`,
      ],
    };
  return {
    label,
    ok: true,
    lines: [
      `${cliPath} (${basename(cliPath)}) exists and ${platform === 'win32' ? 'is a command script' : 'is executable'}`,
      `${SERVICE_PORT}; then: ${JSON.stringify(cliPath)} auto --project <mini-program folder> --auto-port 9420`,
    ],
  };
}

export interface LanCheckOptions {
  readonly table?: InterfaceTable;
}

/** `--lan <address>` (or `auto`): is it this machine's, can a server bind it, what to open for the phone. */
export async function checkLanAddress(address: string, o: LanCheckOptions = {}): Promise<Check> {
  const label = 'LAN address';
  const table = o.table ?? networkInterfaces();
  let resolved: string;
  try {
    resolved = resolveLanAddress(address === 'auto' ? true : address, table);
  } catch (e) {
    return { label, ok: false, lines: [e instanceof Error ? e.message : String(e)] };
  }
  // Only a loopback address the interface table lists as a LAN one (a test's stand-in) counts as one.
  const candidate = lanCandidates(table).find((c) => c.address === resolved);
  if (isLoopback(resolved) && !candidate)
    return {
      label,
      ok: false,
      lines: [
        `${resolved} is a loopback address: a phone cannot reach it`,
        `fix: pass this machine's address on the phone's network (${
          lanCandidates(table)
            .map((c) => `${c.address} on ${c.interfaceName}`)
            .join(', ') || 'none found: join the Wi-Fi the phone is on'
        })`,
      ],
    };
  const bound = await canBind(resolved);
  if (!bound.ok)
    return {
      label,
      ok: false,
      lines: [`${resolved} is this machine's, but a server cannot bind it: ${bound.reason}`, 'fix: bring the interface up, or pass another of its addresses'],
    };
  return {
    label,
    ok: true,
    lines: [
      `${resolved}${candidate ? ` on ${candidate.interfaceName}` : ''}: a server binds it (tried port ${bound.port}, closed again)`,
      `rig option: media: { lan: '${resolved}' }; its RTMP and HTTP-FLV ports are printed when the server is up, or fix them with lan: { address, rtmpPort, httpPort }`,
      "open those TCP ports to the phone in this machine's firewall; every URL the phone gets is signed and expires",
    ],
  };
}
