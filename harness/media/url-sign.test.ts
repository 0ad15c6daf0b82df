import { DEFAULT_SIGN_VALID_FOR_MS, signStreamPath, streamPathOfUrl, UrlSigner, withSign } from './url-sign';

// node-media-server's own check, the one the server runs: our signs must pass it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyAuth } = require('node-media-server/src/node_core_utils') as {
  verifyAuth(sign: string | undefined, streamPath: string, secret: string): boolean;
};

const SECRET = 'a-secret-of-enough-length';

describe('signStreamPath', () => {
  it("makes node-media-server's sign: the expiry, a dash, and the md5 of path-expiry-secret", () => {
    // `echo -n "/live/abc-2000000000-a-secret-of-enough-length" | md5sum`
    expect(signStreamPath('/live/abc', SECRET, 2_000_000_000)).toBe('2000000000-c6e96caa4a5d3110c36327dca61d490c');
  });

  it("passes node-media-server's verifyAuth for its path and secret, and fails it for another path, secret or a past expiry", () => {
    const future = Math.floor(Date.now() / 1000) + 600;
    const sign = signStreamPath('/live/abc', SECRET, future);
    expect(verifyAuth(sign, '/live/abc', SECRET)).toBe(true);
    expect(verifyAuth(sign, '/live/abd', SECRET)).toBe(false);
    expect(verifyAuth(sign, '/live/abc', `${SECRET}x`)).toBe(false);
    expect(verifyAuth(signStreamPath('/live/abc', SECRET, Math.floor(Date.now() / 1000) - 5), '/live/abc', SECRET)).toBe(false);
  });

  it('names a path that is not a server stream path, and the fix', () => {
    expect(() => signStreamPath('live/abc.flv', SECRET, 2_000_000_000)).toThrow(
      '[live-harness] Failed to sign a stream URL: "live/abc.flv" is not a server stream path. Pass it as the server knows it, like "/live/abc" (no query, no .flv).',
    );
  });
});

describe('streamPathOfUrl and withSign', () => {
  it('finds the server path of RTMP and HTTP-FLV URLs', () => {
    expect(streamPathOfUrl('rtmp://127.0.0.2:1935/live/abc-lh1?lh_missing=wait')).toBe('/live/abc-lh1');
    expect(streamPathOfUrl('http://127.0.0.2:8000/live/abc-lh1.flv?x=1')).toBe('/live/abc-lh1');
  });

  it('sets sign, replacing an old one and keeping the other keys in order', () => {
    expect(withSign('rtmp://h:1/live/a', '9-ff')).toBe('rtmp://h:1/live/a?sign=9-ff');
    expect(withSign('rtmp://h:1/live/a?sign=1-aa&lh_missing=wait', '9-ff')).toBe('rtmp://h:1/live/a?lh_missing=wait&sign=9-ff');
  });
});

describe('UrlSigner', () => {
  it('signs with its default validity, or an explicit expiry', () => {
    const signer = new UrlSigner(SECRET);
    expect(signer.validForMs).toBe(DEFAULT_SIGN_VALID_FOR_MS);
    const before = Math.floor((Date.now() + DEFAULT_SIGN_VALID_FOR_MS) / 1000);
    const expiry = Number(signer.sign('/live/a').split('-')[0]);
    expect(expiry).toBeGreaterThanOrEqual(before);
    expect(expiry).toBeLessThanOrEqual(before + 2);
    expect(signer.signUrl('http://h:2/live/a.flv', { expiresAtMs: 5_000_999 })).toBe(`http://h:2/live/a.flv?sign=${signStreamPath('/live/a', SECRET, 5000)}`);
  });

  it("makes a random secret per signer, so two servers never accept each other's signs", () => {
    const a = new UrlSigner();
    const b = new UrlSigner();
    expect(a.sign('/live/x', { expiresAtMs: 4e12 })).not.toBe(b.sign('/live/x', { expiresAtMs: 4e12 }));
    expect(JSON.stringify(a)).not.toContain(a.secret);
  });

  it('refuses a short secret and a validity under a second', () => {
    expect(() => new UrlSigner('short')).toThrow('the secret is 5 characters. Use at least 16');
    expect(() => new UrlSigner(SECRET, 10)).toThrow('signValidForMs 10 is under a second. Use e.g. 3600000 (an hour).');
  });
});
