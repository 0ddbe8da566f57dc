/**
 * Vite build of the renderer (renderer/ → dist/renderer). `base: './'` so the built
 * index.html also loads from file:// inside Electron.
 *
 * In `vite` dev mode only: the strict CSP meta is dropped (React's refresh preamble is an
 * inline script), and with `FAKE_BRIDGE=1` an in-page fake `window.supervisor`
 * (renderer/dev/fake-bridge.ts) is injected for quick visual checks. Neither reaches a build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/** Dev-server-only HTML tweaks; see the file comment. */
function devOnlyHtml(): Plugin {
  return {
    name: 'supervisor-dev-html',
    apply: 'serve',
    transformIndexHtml(html) {
      let out = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      if (process.env.FAKE_BRIDGE === '1') {
        out = out.replace(
          '<script type="module"',
          '<script type="module" src="/dev/fake-bridge.ts"></script>\n    <script type="module"',
        );
      }
      return out;
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), devOnlyHtml()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
