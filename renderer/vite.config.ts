// Builds the renderer for the browser (`npm run web`) and for Electron (loaded from app://, so
// every URL is relative). The built index.html carries the strict Content-Security-Policy the
// desktop window runs under; the dev server leaves it out so hot reload keeps working.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Node >= 20.11 sets import.meta.dirname; a node: import would trip the renderer's lint rules.
const root = `${import.meta.dirname}/`;
const nodeModules = `${import.meta.dirname}/../node_modules/`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'meshwright-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    alias: [
      // monaco-yaml's worker imports Monaco's worker entry by its pre-0.50 path, which
      // monaco-editor 0.57's export map no longer resolves.
      {
        find: /^monaco-editor\/esm\/vs\/editor\/editor\.worker(\.js)?$/,
        replacement: `${nodeModules}monaco-editor/esm/vs/editor/editor.worker.js`,
      },
    ],
  },
  // Found only when a worker first loads them: listed so the dev server pre-bundles them at
  // start instead of reloading the page on a newcomer's first run.
  optimizeDeps: { include: ['elkjs/lib/elk.bundled.js', 'monaco-yaml/yaml.worker.js'] },
  worker: { format: 'es' },
  build: {
    outDir: '../dist-web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      input: { main: `${root}index.html`, bench: `${root}bench/bare.html` },
    },
  },
  server: { port: 5317 },
  preview: { port: 4317 },
});
