/**
 * doctor's automator and device checks, each on its passing and failing paths.
 * The LAN check binds 127.0.0.2 only (a test interface table names it as the
 * LAN address); the failing binds fail locally and send nothing.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refused } from '../../test-support/processes';
import { checkAutomatorClient, checkAutomatorSim } from './doctor-automator';
import { checkDevtoolsCli, checkLanAddress } from './doctor-device';
import { main } from './main';

const repo = join(__dirname, '../..');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lh-doctor-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fakeClient(version: string): string {
  const pkg = join(dir, 'project', 'node_modules', 'miniprogram-automator');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'miniprogram-automator', version, main: 'index.js' }));
  return join(dir, 'project');
}

describe('doctor: automator client', () => {
  it('finds the installed miniprogram-automator and its version', () => {
    const c = checkAutomatorClient({ from: [repo] });
    expect(c.ok).toBe(true);
    expect(c.lines[0]).toBe(`miniprogram-automator 0.12.1 at ${join(repo, 'node_modules', 'miniprogram-automator')}`);
  });

  it("prefers the project's own client, and fails one older than 0.12.1 with the install command", () => {
    const c = checkAutomatorClient({ from: [fakeClient('0.11.3'), repo] });
    expect(c).toEqual({
      label: 'automator client',
      ok: false,
      lines: [
        `miniprogram-automator 0.11.3 at ${join(dir, 'project', 'node_modules', 'miniprogram-automator')} is older than 0.12.1, the version the protocol is measured against`,
        'fix: npm install --save-dev miniprogram-automator@0.12.1',
      ],
    });
  });

  it('says how to install it when it is missing', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const c = checkAutomatorClient({ from: [empty] });
    expect(c.ok).toBe(false);
    expect(c.lines).toEqual([`miniprogram-automator is not installed (looked from ${empty})`, 'fix: npm install --save-dev miniprogram-automator@0.12.1']);
  });

  it('passes a newer client, with a word on checking it', () => {
    const c = checkAutomatorClient({ from: [fakeClient('0.13.2')] });
    expect(c.ok).toBe(true);
    expect(c.lines[1]).toContain('newer than the measured 0.12.1');
  });
});

describe('doctor: DevTools CLI', () => {
  const exe = (name: string, mode = 0o755): string => {
    const p = join(dir, name);
    writeFileSync(p, '#!/bin/sh\nexit 0\n');
    chmodSync(p, mode);
    return p;
  };

  it('passes an executable command line on macOS and says to turn on the service port', () => {
    const cli = exe('cli');
    const c = checkDevtoolsCli(cli, { platform: 'darwin' });
    expect(c.ok).toBe(true);
    expect(c.lines[1]).toBe(
      `In DevTools, turn on Settings → Security → Service port (设置 → 安全设置 → 服务端口), or launch() fails with "please make sure http port is open"; then: ${JSON.stringify(cli)} auto --project <mini-program folder> --auto-port 9420`,
    );
  });

  it('fails a missing path with the default install path, a folder, and a file that is not executable', () => {
    expect(checkDevtoolsCli(join(dir, 'nope'), { platform: 'darwin' }).lines).toEqual([
      `${join(dir, 'nope')} does not exist`,
      'fix: pass the DevTools command line, by default /Applications/wechatwebdevtools.app/Contents/MacOS/cli',
    ]);
    expect(checkDevtoolsCli(dir, { platform: 'darwin' }).lines[0]).toBe(`${dir} is a folder, not the command line`);
    const plain = exe('cli-plain', 0o644);
    expect(checkDevtoolsCli(plain, { platform: 'darwin' })).toEqual({
      label: 'DevTools CLI',
      ok: false,
      lines: [`${plain} is not executable`, `fix: chmod +x ${plain}, or pass the DevTools command line itself`],
    });
  });

  it('refuses the DevTools program on Windows, as launch() does, and points to cli.bat', () => {
    const gui = exe('wechatdevtools.exe');
    const c = checkDevtoolsCli(gui, { platform: 'win32' });
    expect(c.ok).toBe(false);
    expect(c.lines[1]).toBe('fix: pass the cli.bat next to it, by default C:/Program Files (x86)/Tencent/微信web开发者工具/cli.bat');
    expect(checkDevtoolsCli(exe('cli.bat'), { platform: 'win32' }).ok).toBe(true);
  });

  it('says on Linux that there is no DevTools and points to automator-sim, unless the path is its drop-in', () => {
    const cli = exe('cli');
    const c = checkDevtoolsCli(cli, { platform: 'linux' });
    expect(c.ok).toBe(false);
    expect(c.lines[0]).toBe(`${cli} exists and is executable, but WeChat DevTools has no Linux build, so it cannot be the DevTools command line`);
    expect(c.lines[1]).toMatch(/^fix: on Linux, run the scripts against automator-sim/);
    expect(checkDevtoolsCli(join(dir, 'missing'), { platform: 'linux' }).lines[1]).toBe(
      `fix: WeChat DevTools has no Linux build; run the scripts against automator-sim: automator.connect({ wsEndpoint }) to an AutomatorSim, or automator.launch({ cliPath: 'node_modules/live-harness/bin/automator-sim.js', projectPath }) (README: "CI with automator-sim")`,
    );
    // The package's own drop-in, also through a link to it as node_modules/.bin makes one.
    const bin = join(repo, 'bin', 'automator-sim.js');
    symlinkSync(bin, join(dir, 'automator-sim'));
    for (const p of [bin, join(dir, 'automator-sim')]) expect(checkDevtoolsCli(p, { platform: 'linux' })).toMatchObject({ ok: true });
  });
});

describe('doctor: LAN address', () => {
  const v4 = (address: string, internal: boolean): NetworkInterfaceInfo => ({
    address,
    netmask: '255.0.0.0',
    family: 'IPv4',
    mac: '00:00:00:00:00:00',
    internal,
    cidr: `${address}/8`,
  });
  const lo = { lo: [v4('127.0.0.1', true)] };

  it('passes an address of an interface that a server can bind, with the rig option and the firewall', async () => {
    // 127.0.0.2 posing as the Wi-Fi interface's address: the bind is real, and stays on loopback.
    const c = await checkLanAddress('127.0.0.2', { table: { ...lo, wlan0: [v4('127.0.0.2', false)] } });
    expect(c.ok).toBe(true);
    expect(c.lines[0]).toMatch(/^127\.0\.0\.2 on wlan0: a server binds it \(tried port \d+, closed again\)$/);
    expect(c.lines[1]).toContain("media: { lan: '127.0.0.2' }");
    expect(await checkLanAddress('auto', { table: { ...lo, wlan0: [v4('127.0.0.2', false)] } })).toMatchObject({ ok: true });
  });

  it("fails a loopback address a phone cannot reach, and one that is not this machine's", async () => {
    expect(await checkLanAddress('127.0.0.2', { table: lo })).toEqual({
      label: 'LAN address',
      ok: false,
      lines: [
        '127.0.0.2 is a loopback address: a phone cannot reach it',
        "fix: pass this machine's address on the phone's network (none found: join the Wi-Fi the phone is on)",
      ],
    });
    const foreign = await checkLanAddress('198.51.100.7', { table: lo });
    expect(foreign.ok).toBe(false);
    expect(foreign.lines[0]).toMatch(/^\[live-harness\] Failed to bind the LAN: 198\.51\.100\.7 is not an address of this machine/);
  });

  it('fails an address a server cannot bind, with the reason', async () => {
    // The table claims an address the kernel does not have: the bind fails here, nothing is sent.
    const c = await checkLanAddress('198.51.100.7', { table: { ...lo, wlan0: [v4('198.51.100.7', false)] } });
    expect(c.ok).toBe(false);
    expect(c.lines[0]).toMatch(/^198\.51\.100\.7 is this machine's, but a server cannot bind it: EADDRNOTAVAIL /);
  });
});

describe('doctor command line', () => {
  it('names an option without its value, and an unknown one', async () => {
    const out: string[] = [];
    expect(await main(['doctor', '--lan'], (s) => out.push(s))).toBe(2);
    expect(out[0]).toMatch(/^\[live-harness\] Failed to read the command line: --lan needs a value\./);
    out.length = 0;
    expect(await main(['doctor', '--devtool', 'x'], (s) => out.push(s))).toBe(2);
    expect(out[0]).toMatch(/^\[live-harness\] Failed to read the command line: unknown option --devtool\. Did you mean --devtools\?/);
  });
});

describe('doctor: automator-sim round trip', () => {
  it('starts an AutomatorSim, connects the real client, times Tool.getInfo and stops both', async () => {
    const c = await checkAutomatorSim();
    expect(c.lines[0]).toMatch(/^started on ws:\/\/127\.0\.0\.1:\d+ and connected the real client in \d+ ms$/);
    expect(c.lines[1]).toMatch(/^Tool\.getInfo round trip \d+\.\d ms: SDKVersion \d+\.\d+\.\d+$/);
    expect(c).toMatchObject({ label: 'automator-sim', ok: true });
    // Stopped: nothing listens on its port any more.
    const port = Number(/:(\d+) and/.exec(c.lines[0])![1]);
    expect(await refused(port)).toBe(true);
  });

  it('names the step that did not finish within its budget, and closes what the step opens after', async () => {
    const c = await checkAutomatorSim({ timeoutMs: 1 });
    expect(c.ok).toBe(false);
    const m =
      /^\[live-harness\] Failed to make a round trip to automator-sim: no answer within 1 ms \(while (starting automator-sim|connecting the real client to ws:\/\/127\.0\.0\.1:(\d+))\)$/.exec(
        c.lines[0],
      );
    expect(m).not.toBeNull();
    expect(c.lines[1]).toMatch(/^fix: run with DEBUG=automator:protocol/);
    // The server, if it got as far as listening, is closed.
    if (m![2]) {
      const port = Number(m![2]);
      let closed = false;
      for (let i = 0; i < 50 && !closed; i++) {
        closed = await refused(port);
        if (!closed) await new Promise((r) => setTimeout(r, 100));
      }
      expect(closed).toBe(true);
    }
  });

  it('says what is missing when the mini-program is not there', async () => {
    const c = await checkAutomatorSim({ miniprogramRoot: join(dir, 'nothing') });
    expect(c).toEqual({
      label: 'automator-sim',
      ok: false,
      lines: [`${join(dir, 'nothing', 'app.json')} does not exist`, 'fix: reinstall live-harness (its sample mini-program is missing)'],
    });
  });
});
