/**
 * `live-harness serve --lan <address>`: the media server a tethered phone
 * pushes to and plays from, bound to the LAN address asked for (never by
 * default), every URL signed with an expiry, until Ctrl-C. It prints the
 * server, the firewall ports, the signed URLs of the streams named, and then
 * each publish and play as the phone makes them.
 */
import { isLoopback, MediaServer, phoneLines, resolveLanAddress } from '../media';

export interface ServeOptions {
  /** an address of this machine, or 'auto' for its one LAN address */
  readonly lan: string;
  readonly rtmpPort?: number;
  readonly httpPort?: number;
  readonly signValidForMs?: number;
  /** stream keys (`live/demo`) whose URLs are printed */
  readonly streams: readonly string[];
}

const SHOWN = { postPublish: 'publish', donePublish: 'unpublish', postPlay: 'play', donePlay: 'play-stop' } as const;

/** Runs until `signal` aborts (the CLI aborts on Ctrl-C); 1 when the server dies on its own. */
export async function serve(o: ServeOptions, print: (s: string) => void, signal: AbortSignal): Promise<number> {
  const address = resolveLanAddress(o.lan === 'auto' ? true : o.lan);
  const server = await new MediaServer({
    host: address,
    signedUrls: true,
    rtmpPort: o.rtmpPort,
    httpPort: o.httpPort,
    signValidForMs: o.signValidForMs,
  }).start();
  try {
    const expiry = (url: string): number => Number(/[?&]sign=(\d+)-/.exec(url)?.[1]) * 1000;
    const streams = o.streams.map((key) => {
      const rtmp = server.rtmpUrl(key);
      return { key, rtmp, httpFlv: server.flvUrl(key), expiresAtMs: expiry(rtmp) };
    });
    for (const line of phoneLines(
      { address, rtmpPort: server.rtmpPort, httpPort: server.httpPort, signValidForMs: server.signValidForMs as number },
      streams,
      'Name more streams with --stream; Ctrl-C stops the server',
    ))
      print(line);
    if (isLoopback(address)) print(`  ${address} is a loopback address: only this machine reaches it, a phone cannot.`);
    const off = server.onEvent((e) => {
      const at = new Date(e.wallMs).toISOString();
      if (e.event === 'unauthorized' && e.streamPath)
        print(
          `${at} refused ${e.action ?? 'a client'} of ${e.streamPath}: no valid sign (unsigned, expired, or signed for another path or server). Use a URL printed above.`,
        );
      const what = SHOWN[e.event as keyof typeof SHOWN];
      if (what && e.streamPath) print(`${at} ${what} ${e.streamPath}`);
    });
    const code = await new Promise<number>((resolve) => {
      const poll = setInterval(() => {
        if (server.running) return;
        clearInterval(poll);
        print(
          `[live-harness] Failed to keep serving: the media server exited.${server.recentOutput().length ? ` Its last output:\n  ${server.recentOutput().slice(-10).join('\n  ')}` : ''}`,
        );
        resolve(1);
      }, 500);
      const stop = (): void => {
        clearInterval(poll);
        resolve(0);
      };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    });
    off();
    return code;
  } finally {
    await server.stop();
    print('media server stopped');
  }
}
