import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, refused } from '../../test-support/processes';
import { MediaServer } from './media-server';
import { runningPids } from './processes';

describe('MediaServer', () => {
  it('starts on dynamic loopback ports, accepts RTMP and HTTP, and frees everything on stop', async () => {
    const server = await new MediaServer().start();
    expect(server.host).toBe('127.0.0.1');
    expect(server.rtmpPort).not.toBe(1935);
    expect(server.httpPort).not.toBe(8000);
    expect(server.version).toBe('2.7.4');
    expect(runningPids()).toContain(server.pid);
    await server.stop();
    await server.stop(); // idempotent
    expect(server.running).toBe(false);
    expect(runningPids()).not.toContain(server.pid);
    expect(() => process.kill(server.pid, 0)).toThrow();
    expect(await refused(server.rtmpPort)).toBe(true);
    expect(await refused(server.httpPort)).toBe(true);
  });

  it('fails with the ports and the budget when readiness times out, and leaves no process', async () => {
    const before = runningPids().length;
    await expect(new MediaServer({ readyTimeoutMs: 1 }).start()).rejects.toThrow(
      /^\[live-harness\] Failed to start the media server: RTMP 127\.0\.0\.1:\d+ and HTTP 127\.0\.0\.1:\d+ were not accepting after 1 ms \(readyTimeoutMs\)\. Raise the timeout on a loaded machine/,
    );
    expect(runningPids().length).toBe(before);
  });

  it('makes no temp folder, so even a killed server and a killed parent leave none behind', () => {
    // A child process with a TMPDIR of its own starts a server, stops it, starts
    // another and dies by SIGKILL with it running: nothing may appear in its TMPDIR.
    const privateTmp = mkdtempSync(join(tmpdir(), 'lh-tmpcheck-'));
    try {
      const script = `
        const { MediaServer } = require(${JSON.stringify(join(__dirname, 'media-server.ts'))});
        (async () => {
          const first = await new MediaServer().start();
          const res = await fetch('http://127.0.0.1:' + first.httpPort + '/live/nothing.txt');
          await first.stop();
          const second = await new MediaServer().start();
          console.log(JSON.stringify({ status: res.status, pid: second.pid }));
          process.kill(process.pid, 'SIGKILL');
        })();`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
        env: { ...process.env, TMPDIR: privateTmp },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.signal).toBe('SIGKILL');
      const { status, pid } = JSON.parse(r.stdout) as { status: number; pid: number };
      expect(status).toBe(404); // the static route serves nothing
      expect(readdirSync(privateTmp).filter((f) => f.startsWith('live-harness'))).toEqual([]);
      // The orphaned server notices its parent is gone and leaves by itself.
      const t0 = Date.now();
      while (alive(pid) && Date.now() - t0 < 5000) spawnSync('sleep', ['0.05']);
      expect(alive(pid)).toBe(false);
    } finally {
      rmSync(privateTmp, { recursive: true, force: true });
    }
  });

  it('works with await using', async () => {
    let pid = 0;
    {
      await using server = await new MediaServer().start();
      pid = server.pid;
    }
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('leaves no process and no folder when its process exits with the server still running, as a jest worker does', async () => {
    // The worker's shared server is never stopped: the exit hooks kill it, and must take its media folder too.
    const tmp = mkdtempSync(join(tmpdir(), 'lh-exit-'));
    try {
      const script =
        "const { MediaServer } = require('./harness/media/media-server'); new MediaServer().start().then((s) => { console.log(s.pid); s.unref(); });";
      const r = spawnSync(process.execPath, ['-r', 'esbuild-register', '-e', script], {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, TMPDIR: tmp },
        encoding: 'utf8',
        timeout: 30_000,
      });
      const pid = Number(r.stdout.trim());
      expect(pid).toBeGreaterThan(0);
      // SIGKILLed on the way out; gone once reaped
      const t0 = Date.now();
      while (alive(pid) && Date.now() - t0 < 5000) await new Promise((res) => setTimeout(res, 50));
      expect(alive(pid)).toBe(false);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('names a fixed port that is in use and the fix', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(new MediaServer({ rtmpPort: port }).start()).rejects.toThrow(
        `[live-harness] Failed to start the media server: rtmp port ${port} on 127.0.0.1: EADDRINUSE listen EADDRINUSE: address already in use 127.0.0.1:${port}. Port ${port} is in use: free it, or leave rtmpPort unset for a dynamic port.`,
      );
    } finally {
      blocker.close();
    }
  });
});
