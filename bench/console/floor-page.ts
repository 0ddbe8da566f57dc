/**
 * Serves the floor page on 127.0.0.1:0: a bare HTML page and its script (floor-client.ts,
 * bundled). The page talks to the backend directly; see floor-client.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleForBrowser } from './bundle';

export interface FloorPage {
  /** The page URL; append `#url=…&token=…&rooms=…`. */
  url: string;
  stop(): Promise<void>;
}

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Floor</title>
<style>body{font:13px system-ui;margin:8px}#rooms{display:flex;gap:8px}ol{flex:1;margin:0;padding-left:20px}</style>
</head><body><div id="rooms"></div><script src="/floor.js"></script></body></html>`;

export async function startFloorPage(): Promise<FloorPage> {
  const script = await bundleForBrowser('floor-client.ts');
  const server = createServer((request, response) => {
    if (request.url === '/floor.js') {
      response
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' })
        .end(script);
    } else if (request.url === '/' || request.url?.startsWith('/#') || request.url === '/index.html') {
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(HTML);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
