import type { StreamProtocol, StreamTarget } from './types';

/** Whether a connection's target is meant by a filter: all ('*' or none), one stream key, or one host. */
export function targetMatches(t: StreamTarget, filter: string | undefined): boolean {
  return filter === undefined || filter === '*' || t.key === filter || t.host === filter.toLowerCase();
}

/**
 * Parse a push/play URL into the key that joins them on one server:
 * rtmp://x.livepush.myqcloud.com/live/abc?txSecret=… and
 * http://x.liveplay.myqcloud.com/live/abc.flv meet at "live/abc".
 */
export function parseStreamUrl(url: string): StreamTarget | undefined {
  const m = /^(rtmp|https?|room):\/\/([^/?#\s]+)(\/[^?#\s]*)?(\?[^#\s]*)?/i.exec(url.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  const protocol: StreamProtocol = scheme === 'rtmp' ? 'rtmp' : scheme === 'room' ? 'room' : 'http-flv';
  const host = m[2].toLowerCase();
  const query: Record<string, string> = {};
  for (const part of (m[4] ?? '').replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    query[k] = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
  }
  let key = (m[3] ?? '').replace(/^\/+/, '').replace(/\.flv$/i, '');
  if (protocol === 'room') {
    // TRTC: one stream per user in a room.
    key = `room/${query.roomid ?? query.strroomid ?? ''}/${query.userid ?? ''}`;
  }
  if (protocol === 'http-flv' && !/\.flv$/i.test(m[3] ?? '')) return undefined;
  return { url, protocol, host: host.replace(/:\d+$/, ''), key, query };
}
