/**
 * What a person setting up a phone reads: with the fault proxy on the LAN too,
 * its ports are among those to open, and the phone's URLs go through it.
 */
import { phoneLines } from './phone-urls';

const server = { address: '192.168.1.20', rtmpPort: 1935, httpPort: 8000, signValidForMs: 6 * 3_600_000 };
const stream = {
  key: 'live/demo',
  rtmp: 'rtmp://192.168.1.20:1935/live/demo-lhx?sign=1700000000-0123456789abcdef0123456789abcdef',
  httpFlv: 'http://192.168.1.20:8000/live/demo-lhx.flv?sign=1700000000-0123456789abcdef0123456789abcdef',
  expiresAtMs: 1_700_000_000_000,
};

describe('phoneLines', () => {
  it('names the server, its two ports and its signed URLs when no proxy listens on the LAN', () => {
    expect(phoneLines(server, [stream])).toEqual([
      '[live-harness] Media server for the phone on 192.168.1.20: RTMP rtmp://192.168.1.20:1935, HTTP-FLV http://192.168.1.20:8000.',
      "  Open TCP 1935 (RTMP) and 8000 (HTTP-FLV) to the phone in this machine's firewall; the phone must be on the same network.",
      '  Every URL carries a sign valid for 6 h; unsigned or expired ones are refused. rig.media.urls(key) signs more.',
      '  live/demo (until 2023-11-14T22:13:20.000Z)',
      `    push ${stream.rtmp}`,
      `    play ${stream.rtmp}`,
      `    play ${stream.httpFlv}`,
    ]);
  });

  it('with the fault proxy on the LAN, names its ports among those to open and gives the URLs through it, same paths and signs', () => {
    const lines = phoneLines({ ...server, proxy: { address: '192.168.1.20', rtmpPort: 41001, httpPort: 41002 } }, [stream]);
    expect(lines).toEqual([
      '[live-harness] Media server for the phone on 192.168.1.20: RTMP rtmp://192.168.1.20:1935, HTTP-FLV http://192.168.1.20:8000.',
      "  Fault proxy for the phone on 192.168.1.20: RTMP rtmp://192.168.1.20:41001, HTTP-FLV http://192.168.1.20:41002. The phone meets the rig's faults only through it: the URLs below go through it (the same paths on the server's ports go direct).",
      "  Open TCP 1935 (RTMP), 8000 (HTTP-FLV), 41001 (fault proxy, RTMP) and 41002 (fault proxy, HTTP-FLV) to the phone in this machine's firewall; the phone must be on the same network.",
      '  Every URL carries a sign valid for 6 h; unsigned or expired ones are refused. rig.media.urls(key) signs more.',
      '  live/demo (until 2023-11-14T22:13:20.000Z)',
      '    push rtmp://192.168.1.20:41001/live/demo-lhx?sign=1700000000-0123456789abcdef0123456789abcdef',
      '    play rtmp://192.168.1.20:41001/live/demo-lhx?sign=1700000000-0123456789abcdef0123456789abcdef',
      '    play http://192.168.1.20:41002/live/demo-lhx.flv?sign=1700000000-0123456789abcdef0123456789abcdef',
    ]);
  });

  it('brackets an IPv6 proxy address in its URLs', () => {
    const lines = phoneLines({ ...server, address: 'fd00::20', proxy: { address: 'fd00::20', rtmpPort: 41001, httpPort: 41002 } }, [
      { key: 'live/demo', rtmp: 'rtmp://[fd00::20]:1935/live/demo?sign=1-a', httpFlv: 'http://[fd00::20]:8000/live/demo.flv?sign=1-a' },
    ]);
    expect(lines[1]).toContain('RTMP rtmp://[fd00::20]:41001, HTTP-FLV http://[fd00::20]:41002.');
    expect(lines.slice(-3)).toEqual([
      '    push rtmp://[fd00::20]:41001/live/demo?sign=1-a',
      '    play rtmp://[fd00::20]:41001/live/demo?sign=1-a',
      '    play http://[fd00::20]:41002/live/demo.flv?sign=1-a',
    ]);
  });
});
