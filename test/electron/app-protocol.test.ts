import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppHandler } from '../../main/shell/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/csp.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const dir = await makeTempDir('coffer-app-protocol');
  const root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Coffer</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(dir, 'secret.txt'), 'outside the root');
  handle = createAppHandler({ root });
});
afterAll(removeTempDirs);

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// serves the built renderer', () => {
  it('serves index.html for / with the CSP header', async () => {
    const response = await get('app://coffer/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Coffer</title>');
  });

  it('serves scripts and styles with their content types', async () => {
    expect((await get('app://coffer/assets/index-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://coffer/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD with headers and no body', async () => {
    const response = await get('app://coffer/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('<!doctype html><title>Coffer</title>'.length));
    expect(await response.text()).toBe('');
  });

  it.each([
    ['a missing file', 'app://coffer/nope.js'],
    ['a folder', 'app://coffer/assets'],
    ['an encoded ../ escape', 'app://coffer/%2e%2e/secret.txt'],
    ['an encoded separator escape', 'app://coffer/assets%2f..%2f..%2fsecret.txt'],
    ['a backslash escape', 'app://coffer/assets%5c..%5c..%5csecret.txt'],
    ['a NUL byte', 'app://coffer/index.html%00.js'],
    ['another host', 'app://elsewhere/index.html'],
  ])('answers 404 for %s, with the CSP still set', async (_case, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('outside the root');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://coffer/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('the renderer CSP', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources] as const;
    }),
  );

  it("defaults to 'self' and lets media and images come from vault:, and images from nowhere else (no blob:, no data:)", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('media-src')).toEqual(["'self'", 'vault:']);
    expect(directives.get('img-src')).toEqual(["'self'", 'vault:']);
  });

  it('allows no inline script, no eval, no plugins and no framing', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});
