// End-to-end tests drive the web build of the renderer in Chromium. Debian's Chromium by default;
// set MESHWRIGHT_CHROMIUM to another executable (or "bundled" for Playwright's own browser).
import { defineConfig } from '@playwright/test';

const exe = process.env.MESHWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
const port = Number(process.env.MESHWRIGHT_E2E_PORT ?? 4317);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      ...(exe === 'bundled' ? {} : { executablePath: exe }),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --config renderer/vite.config.ts --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
