/**
 * A rig serving a phone on the LAN (`media: { lan }`): its own server on the
 * address asked for and nowhere else, signed URLs for everything that connects
 * (the page's pusher, a remote anchor, an outside reader), and the URLs the
 * phone must use printed once the server is up. 127.0.0.2 stands in for the
 * LAN address: no byte leaves the machine.
 */
import { connect } from 'node:net';
import { join } from 'node:path';
import { listeningAddresses } from '../../test-support/listening';
import { FlvPlayer, flv } from '../media';
import { createRig } from './rig';

const sample = join(__dirname, '../../fixtures/miniprogram');
const LAN = '127.0.0.2';

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** The first outcome of an HTTP-FLV read: a video tag, or the refusal. */
function firstVideo(url: string): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FlvPlayer(url, {
      onTag: (tag) => {
        if (tag.type !== flv.TAG_VIDEO) return;
        reader.close();
        resolve('video');
      },
      onRejected: (why) => (reader.close(), resolve(`rejected: ${why}`)),
      onEnd: (how) => resolve(`ended: ${how}`),
    }).start();
  });
}

describe('a rig serving a phone on the LAN (127.0.0.2 standing in for the LAN address)', () => {
  it('binds only the LAN address, signs every URL its clients use, prints the URLs for the phone, and closes it all', async () => {
    const printed: string[] = [];
    const ports: number[] = [];
    {
      await using rig = createRig({
        miniprogramRoot: sample,
        media: { lan: { address: LAN, streams: ['live/demo'], print: (l) => printed.push(l) } },
      });
      const page = await rig.loadPage('pages/push/push');
      // The page's pusher reached the server: the rig's own client signed its URL.
      await rig.advanceUntil(() => page.data.status === 'pushing', '15s');
      const lan = rig.media!.lan!;
      expect(lan.address).toBe(LAN);
      ports.push(lan.rtmpPort, lan.httpPort);
      expect(rig.media!.endpoints!.rtmp).toBe(`rtmp://${LAN}:${lan.rtmpPort}`);
      // The fault proxy in front of it listens on 127.0.0.1 only (no proxy.lanHost asked): the phone's faults need that opt-in.
      const proxy = Object.values(rig.media!.proxy!.endpoints);
      expect(proxy.map((ep) => ep.host)).toEqual(['127.0.0.1', '127.0.0.1']);
      ports.push(...proxy.map((ep) => ep.port));
      expect(rig.opened.ports).toEqual(ports);
      // Bound on the LAN address only (the kernel's socket table says so; nothing is sent to 127.0.0.1).
      expect(listeningAddresses(lan.rtmpPort)).toEqual([LAN]);
      expect(listeningAddresses(lan.httpPort)).toEqual([LAN]);

      const urls = rig.media!.urls('rtmp://1234.livepush.myqcloud.com/live/demo?txSecret=abc');
      expect(urls.rtmp).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.2:${lan.rtmpPort}/live/demo-lh\\w+\\?sign=\\d+-[0-9a-f]{32}$`));
      expect(urls.httpFlv).toMatch(new RegExp(`^http://127\\.0\\.0\\.2:${lan.httpPort}/live/demo-lh\\w+\\.flv\\?sign=\\d+-[0-9a-f]{32}$`));
      // Six hours by default, whole seconds as node-media-server counts them.
      expect(Math.abs(urls.expiresAtMs! - (Date.now() + 6 * 3_600_000))).toBeLessThan(5000);

      // Printed once the server was up: where, which ports to open, and the signed URLs of the keys asked for.
      expect(printed[0]).toBe(
        `[live-harness] Media server for the phone on ${LAN}: RTMP rtmp://${LAN}:${lan.rtmpPort}, HTTP-FLV http://${LAN}:${lan.httpPort}.`,
      );
      expect(printed[1]).toContain(`Open TCP ${lan.rtmpPort} (RTMP) and ${lan.httpPort} (HTTP-FLV)`);
      expect(printed[2]).toContain('valid for 6 h');
      expect(printed[3]).toMatch(/^ {2}live\/demo \(until \d{4}-\d\d-\d\dT/);
      expect(printed.slice(4)).toEqual([
        expect.stringMatching(new RegExp(`^ {4}push rtmp://127\\.0\\.0\\.2:${lan.rtmpPort}/live/demo-lh\\w+\\?sign=`)),
        expect.stringMatching(/^ {4}play rtmp:\/\/.*\?sign=/),
        expect.stringMatching(/^ {4}play http:\/\/.*\.flv\?sign=/),
      ]);

      // An outside reader (the phone's player) plays with the signed URL, and is refused without it.
      expect(await firstVideo(urls.httpFlv)).toBe('video');
      expect(await firstVideo(urls.httpFlv.replace(/\?sign=.*$/, ''))).toBe('rejected: HTTP 403');
      // The refusal is on the rig's timeline, by the page's key (server events arrive over IPC: wait for it).
      const refusal = (): boolean =>
        rig.timeline.entries.some((e) => e.source === 'server' && (e.detail as { event?: string; key?: string }).event === 'unauthorized');
      await rig.advanceUntil(refusal, '5s');
      expect(rig.timeline.entries.filter((e) => e.source === 'server').map((e) => e.detail)).toContainEqual({ event: 'unauthorized', key: 'live/demo' });

      // A remote anchor publishes through the same signed transport.
      await rig.streams.publish('live/guest');
      expect(await firstVideo(rig.media!.urls('live/guest').httpFlv)).toBe('video');
    }
    expect(await accepts(LAN, ports[0])).toBe(false);
    expect(await accepts(LAN, ports[1])).toBe(false);
  }, 60_000);

  it('with the fault proxy on the LAN too, prints its ports among those to open and URLs through it that a phone plays', async () => {
    const printed: string[] = [];
    await using rig = createRig({
      miniprogramRoot: sample,
      media: { lan: { address: LAN, streams: ['live/demo'], print: (l) => printed.push(l) }, proxy: { lanHost: LAN } },
    });
    await rig.ready();
    const lan = rig.media!.lan!;
    // One port number per route, on loopback and on the LAN address.
    const [rtmpProxy, flvProxy] = ['rtmp', 'http-flv'].map((r) => rig.media!.proxy!.endpoints[r].port);
    expect(listeningAddresses(flvProxy).sort()).toEqual(['127.0.0.1', LAN]);
    expect(printed[1]).toBe(
      `  Fault proxy for the phone on ${LAN}: RTMP rtmp://${LAN}:${rtmpProxy}, HTTP-FLV http://${LAN}:${flvProxy}. The phone meets the rig's faults only through it: the URLs below go through it (the same paths on the server's ports go direct).`,
    );
    expect(printed[2]).toContain(
      `Open TCP ${lan.rtmpPort} (RTMP), ${lan.httpPort} (HTTP-FLV), ${rtmpProxy} (fault proxy, RTMP) and ${flvProxy} (fault proxy, HTTP-FLV)`,
    );
    const urls = printed.filter((l) => /^ {4}(push|play) /.test(l)).map((l) => l.replace(/^ {4}(push|play) /, ''));
    expect(urls).toEqual([
      expect.stringMatching(new RegExp(`^rtmp://127\\.0\\.0\\.2:${rtmpProxy}/live/demo-lh\\w+\\?sign=`)),
      expect.stringMatching(new RegExp(`^rtmp://127\\.0\\.0\\.2:${rtmpProxy}/live/demo-lh\\w+\\?sign=`)),
      expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.2:${flvProxy}/live/demo-lh\\w+\\.flv\\?sign=`)),
    ]);
    // The printed URL works: a phone's player reads the stream through the proxy's LAN listener, and the proxy saw it.
    await rig.streams.publish('live/demo');
    expect(await firstVideo(urls[2])).toBe('video');
    expect(rig.timeline.entries.some((e) => e.source === 'proxy' && (e.detail as { action?: string }).action === 'connection-opened')).toBe(true);
  }, 60_000);

  it('never binds the LAN unless asked: without lan the server is on 127.0.0.1 and unsigned', async () => {
    await using rig = createRig({ miniprogramRoot: sample, media: { lan: false } });
    await rig.ready();
    expect(rig.media!.lan).toBeUndefined();
    expect(rig.media!.endpoints!.rtmp).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+$/);
    expect(rig.media!.urls('live/demo').rtmp).not.toContain('sign=');
    expect(() => rig.media!.phoneLines()).toThrow("this rig does not serve the LAN. Create it with media: { lan: '<this machine's address>' }");
  });

  it("refuses an address that is not this machine's, a misspelt option and a shared server with lan, before binding anything", async () => {
    await using foreign = createRig({ miniprogramRoot: sample, media: { lan: '198.51.100.7' } });
    await expect(foreign.ready()).rejects.toThrow(/^\[live-harness\] Failed to bind the LAN: 198\.51\.100\.7 is not an address of this machine/);
    // Refused as the rig is created: nothing is built yet.
    expect(() => createRig({ miniprogramRoot: sample, media: { lan: { adress: LAN } as never } })).toThrow(
      '[live-harness] Failed to start real media: lan.adress is not an option. Did you mean "address"? lan takes address, rtmpPort, httpPort, signValidForMs, streams, print.',
    );
    await using shared = createRig({ miniprogramRoot: sample, media: { lan: LAN, server: 'shared' } });
    await expect(shared.ready()).rejects.toThrow(
      `[live-harness] Failed to start real media: lan asks for a server of the rig's own on the LAN, and server is "shared". Drop server (or set it to 'own'), or drop lan.`,
    );
  });
});
