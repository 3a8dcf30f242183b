import { describe, expect, it, vi } from 'vitest';
import { PRIVILEGED_SCHEMES } from '../../main/shell/schemes.js';
import { guardInitiator, isAllowedExternalUrl, isExternalPlayerUrl, isPermissionAllowed } from '../../main/shell/web-policy.js';

describe('links opened in the user browser', () => {
  it.each([
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    'https://www.electronjs.org/docs/latest/api/safe-storage',
  ])('allows the help page %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://docs.aws.amazon.com/'],
    ['another site', 'https://evil.example/'],
    ['a look-alike host', 'https://docs.aws.amazon.com.evil.example/'],
    ['credentials smuggled before the host', 'https://docs.aws.amazon.com@evil.example/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a custom scheme handler', 'ms-msdt:/id PCWDiagnostic'],
    ['javascript:', 'javascript:alert(1)'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_case, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('external player URLs handed to the system', () => {
  const secret = 'A'.repeat(43);
  const token = 'b_-9'.repeat(10) + 'xyz';

  it('allows the loopback server\'s media URL', () => {
    expect(isExternalPlayerUrl(`http://127.0.0.1:41234/${secret}/media/${token}`)).toBe(true);
  });

  it.each([
    ['another host', `http://192.168.1.2:41234/${secret}/media/${token}`],
    ['localhost by name', `http://localhost:41234/${secret}/media/${token}`],
    ['https', `https://127.0.0.1:41234/${secret}/media/${token}`],
    ['credentials before the host', `http://127.0.0.1@evil.example:41234/${secret}/media/${token}`],
    ['another path', `http://127.0.0.1:41234/${secret}/media/${token}/../../etc`],
    ['a query', `http://127.0.0.1:41234/${secret}/media/${token}?x=1`],
    ['a file URL', 'file:///etc/passwd'],
    ['a custom scheme handler', 'ms-msdt:/id PCWDiagnostic'],
  ])('refuses %s', (_case, url) => {
    expect(isExternalPlayerUrl(url)).toBe(false);
  });
});

describe('permission requests', () => {
  it('allows fullscreen for our own page, which the video player needs', () => {
    expect(isPermissionAllowed('fullscreen', 'app://coffer/index.html')).toBe(true);
  });

  it.each([
    ['fullscreen from elsewhere', 'fullscreen', 'https://evil.example/'],
    ['fullscreen without an origin', 'fullscreen', undefined],
    ['media (camera and microphone)', 'media', 'app://coffer/index.html'],
    ['notifications', 'notifications', 'app://coffer/index.html'],
    ['geolocation', 'geolocation', 'app://coffer/index.html'],
    ['clipboard reading', 'clipboard-read', 'app://coffer/index.html'],
    ['opening external links', 'openExternal', 'app://coffer/index.html'],
  ])('denies %s', (_case, permission, url) => {
    expect(isPermissionAllowed(permission, url)).toBe(false);
  });
});

describe('the vault:// initiator guard', () => {
  const ok = () => vi.fn(async () => new Response('bytes'));
  const request = (initiatorOrigin?: string) =>
    Object.assign(new Request('vault://media/token'), initiatorOrigin === undefined ? {} : { initiatorOrigin });

  it('serves requests our page made', async () => {
    const handler = ok();
    expect((await guardInitiator(handler)(request('app://coffer'))).status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('refuses requests that carry no initiator (browser-started): nothing legitimate loads vault:// that way', async () => {
    const handler = ok();
    expect((await guardInitiator(handler)(request())).status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each(['https://evil.example', 'null', 'file://', 'app://coffer.evil', 'vault://media', ''])(
    'refuses requests made by %j without touching the vault',
    async (origin) => {
      const handler = ok();
      expect((await guardInitiator(handler)(request(origin))).status).toBe(403);
      expect(handler).not.toHaveBeenCalled();
    },
  );
});

describe('privileged schemes', () => {
  const privileges = (scheme: string) => PRIVILEGED_SCHEMES.find((s) => s.scheme === scheme)?.privileges;

  it('makes vault:// standard, secure, streaming and fetchable, without bypassing the CSP', () => {
    expect(privileges('vault')).toEqual({ standard: true, secure: true, stream: true, supportFetchAPI: true });
  });

  it('makes app:// a standard, secure origin that does not bypass the CSP either', () => {
    expect(privileges('app')).toMatchObject({ standard: true, secure: true });
    expect(PRIVILEGED_SCHEMES.some((s) => s.privileges.bypassCSP || s.privileges.corsEnabled)).toBe(false);
  });
});
