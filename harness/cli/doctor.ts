/**
 * `live-harness doctor`: can this machine run real media? Which ffmpeg, with
 * which encoders; does the embedded server start and accept; does an encode
 * really produce FLV; which server the environment asks for; which automator
 * client scripts get; which Chromium browser viewers would drive. When asked,
 * a WeChat DevTools command line and the LAN address a phone will use. Every
 * check runs for real and says what to do when it fails.
 */
import { connect } from 'node:net';
import { endpointFromEnv, FfmpegNotFoundError, flv, MediaServer, PRESETS, resolveFfmpeg, SyntheticSource, type FfmpegInfo } from '../media';
import type { Check } from './check';
import { checkBrowser } from './doctor-browser';
import { checkAutomatorClient, checkAutomatorSim } from './doctor-automator';
import { checkDevtoolsCli, checkLanAddress } from './doctor-device';

const { TAG_VIDEO } = flv;

export interface DoctorOptions {
  /** `--devtools <cliPath>`: check a WeChat DevTools command line */
  readonly devtools?: string;
  /** `--lan <address|auto>`: check the address a phone will reach */
  readonly lan?: string;
}

async function checkFfmpeg(): Promise<{ check: Check; info?: FfmpegInfo }> {
  try {
    const info = resolveFfmpeg({ refresh: true });
    const missing = [!info.hasLibx264 && 'libx264', !info.hasAac && 'aac'].filter(Boolean);
    const lines = [
      `${info.path} (from ${info.origin})`,
      `version ${info.version}; libx264 ${info.hasLibx264 ? 'yes' : 'NO'}; aac ${info.hasAac ? 'yes' : 'NO'}`,
    ];
    for (const s of info.skipped) lines.push(`passed over ${s.origin}: ${s.reason}`);
    if (missing.length) lines.push(`fix: set FFMPEG_PATH to an ffmpeg built with ${missing.join(' and ')}`);
    return { check: { label: 'ffmpeg', ok: missing.length === 0, lines }, info };
  } catch (e) {
    const msg = e instanceof FfmpegNotFoundError ? e.message : `[live-harness] Failed to run ffmpeg: ${e instanceof Error ? e.message : String(e)}`;
    return { check: { label: 'ffmpeg', ok: false, lines: [msg] } };
  }
}

async function checkServer(): Promise<Check> {
  const t0 = performance.now();
  try {
    const server = await new MediaServer().start();
    const ready = performance.now() - t0;
    const line = `node-media-server ${server.version} ready in ${ready.toFixed(0)} ms on RTMP ${server.host}:${server.rtmpPort} and HTTP ${server.host}:${server.httpPort}`;
    await server.stop();
    return { label: 'media server', ok: true, lines: [line, 'stopped again, ports closed'] };
  } catch (e) {
    return { label: 'media server', ok: false, lines: [e instanceof Error ? e.message : String(e)] };
  }
}

async function checkEncode(): Promise<Check> {
  const t0 = performance.now();
  try {
    const src = new SyntheticSource(PRESETS.SD);
    const firstFrame = new Promise<number>((resolve) => {
      const off = src.onTag((t) => {
        if (t.type !== TAG_VIDEO || t.data[1] !== 1) return; // a coded frame, not the codec header
        off();
        resolve(performance.now() - t0);
      });
    });
    await src.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const first = await Promise.race([firstFrame, new Promise<number>((r) => (timer = setTimeout(() => r(NaN), 5000)))]);
    clearTimeout(timer);
    await src.stop();
    if (Number.isNaN(first))
      return {
        label: 'encode',
        ok: false,
        lines: ['ffmpeg started but produced no video frame within 5 s', 'fix: run the ffmpeg shown above by hand, or set FFMPEG_PATH to another build'],
      };
    return { label: 'encode', ok: true, lines: [`SD test pattern + tone (360×640, H.264/AAC): first video frame after ${first.toFixed(0)} ms`] };
  } catch (e) {
    return { label: 'encode', ok: false, lines: [e instanceof Error ? e.message : String(e)] };
  }
}

function reachable(host: string, port: number, ms = 3000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (why?: string): void => {
      s.destroy();
      resolve(why);
    };
    s.setTimeout(ms, () => done(`no answer within ${ms} ms`));
    s.once('connect', () => done());
    s.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}

async function checkExternal(): Promise<Check> {
  let ep;
  try {
    ep = endpointFromEnv();
  } catch (e) {
    return { label: 'server', ok: false, lines: [e instanceof Error ? e.message : String(e)] };
  }
  if (!ep) return { label: 'server', ok: true, lines: ['LIVE_HARNESS_SERVER is not set: real media uses the embedded server'] };
  const lines = [`LIVE_HARNESS_SERVER: ${ep.describe}`];
  let ok = true;
  for (const base of [ep.rtmpBase, ep.flvBase]) {
    const m = /^\w+:\/\/([^:/]+):(\d+)/.exec(base);
    if (!m) continue;
    const why = await reachable(m[1], Number(m[2]));
    lines.push(`${base}: ${why ? `NOT reachable (${why})` : 'reachable'}`);
    if (why) ok = false;
  }
  if (!ok) lines.push('fix: start the server, correct LIVE_HARNESS_SERVER / LIVE_HARNESS_SERVER_FLV, or unset them to use the embedded server');
  return { label: 'server', ok, lines };
}

export async function doctor(print: (s: string) => void, opts: DoctorOptions = {}): Promise<number> {
  const checks: Check[] = [{ label: 'node', ok: Number(process.versions.node.split('.')[0]) >= 20, lines: [`${process.version} (live-harness needs ≥ 20)`] }];
  const ff = await checkFfmpeg();
  checks.push(ff.check);
  checks.push(await checkServer());
  if (ff.info?.hasLibx264) checks.push(await checkEncode());
  checks.push(await checkExternal());
  const client = checkAutomatorClient();
  checks.push(client);
  if (client.ok) checks.push(await checkAutomatorSim());
  checks.push(checkBrowser());
  if (opts.devtools !== undefined) checks.push(checkDevtoolsCli(opts.devtools));
  if (opts.lan !== undefined) checks.push(await checkLanAddress(opts.lan));
  return printChecks(checks, print);
}

/** Prints the checks and the verdict; returns the exit code (1 when a check that is not optional failed). */
export function printChecks(checks: readonly Check[], print: (s: string) => void): number {
  for (const c of checks) {
    print(`${c.ok ? 'ok  ' : c.optional ? 'warn' : 'FAIL'}  ${c.label}${!c.ok && c.optional ? ` (${c.optional})` : ''}`);
    for (const l of c.lines) print(`      ${l}`);
  }
  const bad = checks.filter((c) => !c.ok && !c.optional).length;
  print(
    bad === 0
      ? 'everything checked is ready on this machine'
      : `${bad} problem${bad > 1 ? 's' : ''}: what needs ${checks
          .filter((c) => !c.ok && !c.optional)
          .map((c) => c.label)
          .join(', ')} will fail until fixed`,
  );
  return bad === 0 ? 0 : 1;
}
