// Canvas benchmark (npm run bench:canvas): opens generated designs of 100, 500 and 1000 nodes
// (1.5 calls per node) in the built app and, in the same run, a bare React Flow page with the
// same graph of default nodes; prints time to first render and frames per second while panning
// and while dragging a node. Targets: >= 80 % of the bare page's fps, <= 1.5x its open time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const PORT = Number(process.env.MESHWRIGHT_BENCH_PORT ?? 4327);
const SIZES = (process.env.MESHWRIGHT_BENCH_SIZES ?? '100,500,1000').split(',').map(Number);
const RUNS = Number(process.env.MESHWRIGHT_BENCH_RUNS ?? 2);
const exe = process.env.MESHWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
/** Its own build, so an `npm run build:web` elsewhere (the e2e run) cannot swap files mid-run. */
const OUT_DIR = 'node_modules/.cache/meshwright-bench-web';

interface Figures {
  openMs: number;
  panFps: number;
  dragFps: number;
}

async function run(cmd: string, args: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: 'inherit' });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url}`);
}

/** Installed before the page's scripts: records when N nodes are first on screen. */
function firstRenderProbe(n: number): string {
  return `(() => {
    window.__firstRender = 0;
    const tick = () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      const last = nodes[nodes.length - 1];
      if (nodes.length >= ${n} && last && getComputedStyle(last).visibility !== 'hidden') {
        requestAnimationFrame(() => { window.__firstRender = performance.now(); });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`;
}

async function framesDuring(page: Page, action: () => Promise<void>): Promise<number> {
  await page.evaluate(`(() => {
    window.__frames = 0; window.__counting = true;
    const loop = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(loop); };
    window.__t0 = performance.now(); requestAnimationFrame(loop);
  })()`);
  await action();
  const r = (await page.evaluate(
    `(() => { window.__counting = false; return { frames: window.__frames, ms: performance.now() - window.__t0 }; })()`,
  )) as {
    frames: number;
    ms: number;
  };
  return (r.frames * 1000) / r.ms;
}

/** A point on the empty pane near the middle, and the centre of the node nearest the middle. */
async function targets(page: Page): Promise<{ pane: { x: number; y: number }; node: { x: number; y: number } }> {
  return (await page.evaluate(`(() => {
    const root = document.querySelector('.react-flow').getBoundingClientRect();
    const cx = root.left + root.width / 2, cy = root.top + root.height / 2;
    let pane = null;
    for (let r = 0; r < 300 && !pane; r += 3)
      for (let a = 0; a < 16 && !pane; a++) {
        const x = cx + r * Math.cos(a * Math.PI / 8), y = cy + r * Math.sin(a * Math.PI / 8);
        const el = document.elementFromPoint(x, y);
        if (el && el.classList.contains('react-flow__pane')) pane = { x, y };
      }
    let best = null, bestD = Infinity;
    for (const n of document.querySelectorAll('.react-flow__node')) {
      const b = n.getBoundingClientRect();
      const x = b.left + b.width / 2, y = b.top + b.height / 2, d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < bestD) { bestD = d; best = { x, y }; }
    }
    return { pane, node: best };
  })()`)) as { pane: { x: number; y: number }; node: { x: number; y: number } };
}

async function sweep(page: Page, from: { x: number; y: number }, steps: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    const t = (i / steps) * Math.PI * 2;
    await page.mouse.move(from.x + Math.sin(t) * 120, from.y + (1 - Math.cos(t)) * 60);
  }
  await page.mouse.up();
}

async function measure(page: Page, url: string, n: number): Promise<Figures> {
  await page.addInitScript(firstRenderProbe(n));
  await page.goto(url);
  await page.waitForFunction('window.__firstRender > 0', undefined, { timeout: 120_000 });
  const openMs = (await page.evaluate('window.__firstRender')) as number;
  await page.waitForTimeout(800); // fit-view animations and the layout settle
  const quiet = await settle(page);
  if (process.env.MESHWRIGHT_BENCH_VERBOSE) console.log(`  ${url}: quiet ${quiet.toFixed(0)} ms after the settle wait`);
  const t = await targets(page);
  const panFps = await framesDuring(page, () => sweep(page, t.pane, 90));
  await page.waitForTimeout(300);
  const t2 = await targets(page);
  const dragFps = await framesDuring(page, () => sweep(page, t2.node, 90));
  return { openMs, panFps, dragFps };
}

/**
 * Waits until the page is quiet: 20 frames in a row each within 25 ms of the last (at most 8 s).
 * What a page does after its first render (here Monaco starting up, tokenizing and validating the
 * design in its worker) must not fall inside the pan and drag figures, which are steady-state
 * frame rates; both pages get the same wait (MESHWRIGHT_BENCH_VERBOSE=1 prints how long it took).
 */
async function settle(page: Page): Promise<number> {
  return (await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    let last = t0, calm = 0;
    const step = (t) => {
      calm = t - last < 25 ? calm + 1 : 0;
      last = t;
      if (calm >= 20 || t - t0 > 8000) resolve(t - t0);
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`)) as number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  if (!process.env.MESHWRIGHT_BENCH_NO_BUILD || !existsSync(`${OUT_DIR}/index.html`))
    await run(process.execPath, [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--outDir',
      resolve(OUT_DIR),
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ]);
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--config',
      'renderer/vite.config.ts',
      '--outDir',
      resolve(OUT_DIR),
      '--host',
      '127.0.0.1',
      '--port',
      String(PORT),
      '--strictPort',
    ],
    { stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitForServer(base);
    const browser = await chromium.launch({
      ...(exe === 'bundled' ? {} : { executablePath: exe }),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-renderer-backgrounding'],
    });
    const rows: string[] = [];
    const header = '| nodes | page | open (ms) | pan (fps) | drag (fps) |';
    console.log(header);
    rows.push(header, '| ---: | --- | ---: | ---: | ---: |');
    console.log(rows[1]);
    for (const n of SIZES) {
      const results: Record<'bare' | 'app', Figures[]> = { bare: [], app: [] };
      for (let r = 0; r < RUNS; r++)
        for (const which of ['bare', 'app'] as const) {
          // The probes are evaluated strings, which the built pages' CSP would refuse.
          const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
          const page = await ctx.newPage();
          const url = which === 'bare' ? `${base}/bench/bare.html?nodes=${n}` : `${base}/?bench=${n}`;
          results[which].push(await measure(page, url, n));
          await ctx.close();
        }
      const fig = (which: 'bare' | 'app'): Figures => ({
        openMs: median(results[which].map((f) => f.openMs)),
        panFps: median(results[which].map((f) => f.panFps)),
        dragFps: median(results[which].map((f) => f.dragFps)),
      });
      const bare = fig('bare');
      const app = fig('app');
      for (const [name, f] of [
        ['bare React Flow', bare],
        ['Meshwright', app],
      ] as const) {
        const row = `| ${n} | ${name} | ${f.openMs.toFixed(0)} | ${f.panFps.toFixed(1)} | ${f.dragFps.toFixed(1)} |`;
        rows.push(row);
        console.log(row);
      }
      const ratio = `| ${n} | ratio | ${(app.openMs / bare.openMs).toFixed(2)}x | ${((app.panFps / bare.panFps) * 100).toFixed(0)} % | ${((app.dragFps / bare.dragFps) * 100).toFixed(0)} % |`;
      rows.push(ratio);
      console.log(ratio);
    }
    await browser.close();
  } finally {
    server.kill();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
