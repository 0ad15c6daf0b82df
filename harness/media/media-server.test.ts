import { connect, createServer } from 'node:net';
import { MediaServer } from './media-server';
import { runningPids } from './processes';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });
}

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

  it('works with await using', async () => {
    let pid = 0;
    {
      await using server = await new MediaServer().start();
      pid = server.pid;
    }
    expect(() => process.kill(pid, 0)).toThrow();
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
