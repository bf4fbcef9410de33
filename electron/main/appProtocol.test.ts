import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest, serveAppRequest } from './appProtocol.js';
import { useTempDirs } from './testDirs.js';
import { CONTENT_SECURITY_POLICY } from './windowOptions.js';

const tempDir = useTempDirs();

describe('resolveAppRequest', () => {
  const root = '/app/dist-web';
  it('maps our URLs to files under the renderer folder', () => {
    expect(resolveAppRequest('app://meshwright/', root)).toMatchObject({ ok: true, file: '/app/dist-web/index.html' });
    expect(resolveAppRequest('app://meshwright/assets/index-abc.js', root)).toMatchObject({
      ok: true,
      file: '/app/dist-web/assets/index-abc.js',
      mime: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://meshwright/assets/my%20font.woff2?v=1#x', root)).toMatchObject({
      file: '/app/dist-web/assets/my font.woff2',
      mime: 'font/woff2',
    });
  });
  it('refuses to leave the folder, other hosts and other schemes', () => {
    // The URL parser folds "%2e%2e" segments itself, so this one stays inside the folder.
    expect(resolveAppRequest('app://meshwright/%2e%2e/%2e%2e/etc/passwd', root)).toMatchObject({ file: '/app/dist-web/etc/passwd' });
    expect(resolveAppRequest('app://meshwright/..%2f..%2fetc/passwd', root)).toEqual({ ok: false, status: 403 });
    expect(resolveAppRequest('app://meshwright/a%5c..%5c..%5csecret', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppRequest('app://meshwright/a%00.js', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppRequest('app://meshwright/%E0%A4%A', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppRequest('app://evil/index.html', root)).toEqual({ ok: false, status: 403 });
    expect(resolveAppRequest('https://meshwright/index.html', root)).toEqual({ ok: false, status: 403 });
  });
});

describe('serveAppRequest', () => {
  it('serves files with their type and the CSP header, 404 otherwise', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Meshwright</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    const index = await serveAppRequest('app://meshwright/index.html', root);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('Meshwright');
    expect((await serveAppRequest('app://meshwright/assets/app.js', root)).headers.get('x-content-type-options')).toBe('nosniff');
    expect((await serveAppRequest('app://meshwright/missing.js', root)).status).toBe(404);
    expect((await serveAppRequest('app://meshwright/assets', root)).status).toBe(404);
    expect((await serveAppRequest('app://meshwright/..%2fsecret', root)).status).toBe(403);
  });
});
