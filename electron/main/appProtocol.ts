// Serving the built renderer through app://meshwright/...: maps a request URL to a file under the
// renderer's folder (never outside it), with its MIME type and the strict CSP as a header.
// Pure mapping here; main.ts does the file read inside protocol.handle.
import { promises as fs } from 'node:fs';
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './windowOptions.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.yaml': 'text/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppRequest = { ok: true; file: string; mime: string } | { ok: false; status: 400 | 403 | 404 };

export function resolveAppRequest(url: string, root: string): AppRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { ok: false, status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400 };
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = normalize(join(root, rel));
  const back = relative(root, file);
  // URL parsing already folds "/../", but an encoded "%2e%2e%2f" only shows up after decoding.
  if (back === '' || back.startsWith(`..${sep}`) || back === '..' || isAbsolute(back)) return { ok: false, status: 403 };
  return { ok: true, file, mime: MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

export function responseHeaders(mime: string): Record<string, string> {
  return {
    'Content-Type': mime,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/** The whole protocol handler minus Electron: a Request in, a Response out. */
export async function serveAppRequest(url: string, root: string): Promise<Response> {
  const r = resolveAppRequest(url, root);
  if (!r.ok) return new Response(null, { status: r.status });
  try {
    const st = await fs.stat(r.file);
    if (!st.isFile()) return new Response(null, { status: 404 });
    const body = await fs.readFile(r.file);
    return new Response(body, { status: 200, headers: responseHeaders(r.mime) });
  } catch {
    return new Response(null, { status: 404 });
  }
}
