/**
 * `live-harness serve --lan`: the media server for a tethered phone. Bound to
 * 127.0.0.2 here (standing in for the LAN address); nothing leaves the machine.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { flv, RtmpPublisher } from '../media';
import { listeningAddresses } from '../../test-support/listening';
import { alive, eventually } from '../../test-support/processes';
import { main } from './main';
import { serve } from './serve';

const repo = join(__dirname, '../..');

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** Publish one stream: 'started' once the server accepts, or why not. Closes at once. */
function tryPublish(url: string): Promise<string> {
  return new Promise((resolve) => {
    const pub = new RtmpPublisher(url, {
      onStarted: () => {
        pub.write({ type: flv.TAG_AUDIO, timestamp: 0, data: Buffer.alloc(100, 0xaf) });
        setTimeout(() => (pub.close(), resolve('started')), 200);
      },
      onRejected: (why) => (pub.close(), resolve(`rejected: ${why}`)),
      onEnd: (how) => resolve(`ended: ${how}`),
    }).start();
  });
}

describe('live-harness serve', () => {
  it('serves signed URLs on the LAN address only, prints them and the publishes, and stops on abort', async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    const running = serve({ lan: '127.0.0.2', streams: ['live/demo'] }, (l) => lines.push(l), abort.signal);
    try {
      expect(await eventually(() => lines.some((l) => l.startsWith('    play http')), 15_000)).toBe(true);
      const [, rtmpPort, httpPort] = /RTMP rtmp:\/\/127\.0\.0\.2:(\d+), HTTP-FLV http:\/\/127\.0\.0\.2:(\d+)\.$/.exec(lines[0])!.map(Number);
      expect(lines[1]).toBe(
        `  Open TCP ${rtmpPort} (RTMP) and ${httpPort} (HTTP-FLV) to the phone in this machine's firewall; the phone must be on the same network.`,
      );
      expect(lines).toContain('  127.0.0.2 is a loopback address: only this machine reaches it, a phone cannot.');
      expect(listeningAddresses(rtmpPort)).toEqual(['127.0.0.2']);
      const push = lines.find((l) => l.startsWith('    push '))!.slice('    push '.length);
      expect(push).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.2:${rtmpPort}/live/demo\\?sign=\\d+-[0-9a-f]{32}$`));
      expect(await tryPublish(push.replace(/\?.*$/, ''))).toBe('rejected: NetStream.publish.Unauthorized');
      expect(await eventually(() => lines.some((l) => / refused publish of \/live\/demo: no valid sign/.test(l)), 5000)).toBe(true);
      expect(await tryPublish(push)).toBe('started');
      expect(await eventually(() => lines.some((l) => / publish \/live\/demo$/.test(l)), 5000)).toBe(true);
      abort.abort();
      expect(await running).toBe(0);
      expect(lines.at(-1)).toBe('media server stopped');
      expect(await accepts('127.0.0.2', rtmpPort)).toBe(false);
    } finally {
      abort.abort();
      await running.catch(() => undefined);
    }
  }, 60_000);

  it('stops its server and exits on Ctrl-C from the command line', async () => {
    const child = spawn(process.execPath, [join(repo, 'bin/live-harness.js'), 'serve', '--lan', '127.0.0.2', '--stream', 'live/demo', '--valid-for', '90m'], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      expect(await eventually(() => out.includes('    play http'), 30_000)).toBe(true);
      expect(out).toContain('Every URL carries a sign valid for 1.5 h');
      const rtmpPort = Number(/rtmp:\/\/127\.0\.0\.2:(\d+),/.exec(out)![1]);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(out).toContain('media server stopped');
      expect(await accepts('127.0.0.2', rtmpPort)).toBe(false);
    } finally {
      if (alive(child.pid!)) child.kill('SIGKILL');
    }
  }, 60_000);

  it('needs --lan, and names a wrong option with the nearest', async () => {
    const out: string[] = [];
    expect(await main(['serve', '--stream', 'live/demo'], (s) => out.push(s))).toBe(2);
    expect(out[0]).toBe(
      '[live-harness] Failed to read the command line: serve needs --lan. Pass this machine\'s address on the phone\'s network (--lan 192.168.1.20), or --lan auto; "live-harness doctor --lan <address>" checks one.',
    );
    expect(await main(['serve', '--lna', '127.0.0.2'], (s) => out.push(s))).toBe(2);
    expect(out[1]).toMatch(/^\[live-harness\] Failed to read the command line: unknown option --lna\. Did you mean --lan\?/);
    expect(await main(['serve', '--lan', '127.0.0.2', '--valid-for', '10'], (s) => out.push(s))).toBe(2);
    expect(out[2]).toContain('--valid-for "10" is not a duration of a second or more. Pass e.g. --valid-for 2h or 90m.');
  });
});
