/**
 * Serves the built renderer (dist/renderer) to the browser: the app's files with their
 * content types, index.html with the bridge script injected before the app's own script,
 * a strict Content-Security-Policy, and nothing outside the renderer directory.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The Content-Security-Policy for pages served from `origin`. */
export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers every response of the host carries. */
export function securityHeaders(origin: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

/** Puts `<script src="/bridge.js">` before the first script of the page (or at the end of head). */
export function injectBridge(html: string): string {
  const tag = '<script src="/bridge.js"></script>';
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return `${html.slice(0, headEnd)}${tag}\n${html.slice(headEnd)}`;
  return `${tag}\n${html}`;
}

/** Serves one path from `rendererDir`; unknown paths without an extension get index.html (SPA). */
export async function serveRendererFile(
  rendererDir: string,
  urlPath: string,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const root = resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    decoded = '/';
  }
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  let file = normalize(join(root, wanted));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(404, headers).end('Not found');
    return;
  }
  const isFile = await stat(file)
    .then((s) => s.isFile())
    .catch(() => false);
  if (!isFile) {
    if (extname(wanted) !== '') {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    file = join(root, 'index.html');
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  if (file.endsWith('index.html')) {
    const html = injectBridge(await readFile(file, 'utf8'));
    response.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' }).end(html);
    return;
  }
  const body = await readFile(file);
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  response.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache }).end(body);
}
