import { parseStreamUrl } from '../../mocks/link';

/** `live/abc`, `/live/abc.flv` or any push/play URL of it → the key `live/abc`. */
export function streamKey(keyOrUrl: string): string {
  if (!/^[a-z]+:\/\//i.test(keyOrUrl)) return keyOrUrl.replace(/^\/+/, '').replace(/\.flv$/i, '');
  const t = parseStreamUrl(keyOrUrl);
  if (!t)
    throw new Error(
      `[live-harness] Failed to find the stream of ${JSON.stringify(keyOrUrl)}: not an rtmp:// or http(s)://….flv URL. Pass a key like "live/abc" or a stream URL.`,
    );
  return t.key;
}
