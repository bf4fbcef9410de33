// Canvas benchmark (npm run bench:canvas): opens generated designs of 100, 500 and 1000 nodes
// (1.5 calls per node) in the built app and, in the same run, a bare React Flow page with the
// same graph of default nodes; prints time to first render and frames per second while panning
// and while dragging a node. Targets: >= 80 % of the bare page's fps, <= 1.5x its open time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

const PORT = Number(process.env.MESHWRIGHT_BENCH_PORT ?? 4327);
const SIZES = (process.env.MESHWRIGHT_BENCH_SIZES ?? '100,500,1000').split(',').map(Number);
const RUNS = Number(process.env.MESHWRIGHT_BENCH_RUNS ?? 5);
const exe = process.env.MESHWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
/** Its own build, so an `npm run build:web` elsewhere (the e2e run) cannot swap files mid-run. */
const OUT_DIR = 'node_modules/.cache/meshwright-bench-web';

/** One page's figures in one round. CPU figures are the renderer's main thread (thread time, so
 * another process's load inflates them far less than the frame rates) per frame of the action. */
interface Figures {
  openMs: number;
  /** Main-thread CPU from the start to the first full render (thread time, ms). */
  openCpuMs: number;
  panFps: number;
  dragFps: number;
  /** Main-thread CPU per frame (all tasks: script, style, layout, paint records), ms. */
  panCpu: number;
  dragCpu: number;
  /** Of that, JavaScript (event handlers, React, React Flow), ms per frame. */
  panScript: number;
  dragScript: number;
}
type Metric = keyof Figures;
const METRICS: { key: Metric; head: string; digits: number; higherIsBetter: boolean }[] = [
  { key: 'openMs', head: 'open ms', digits: 0, higherIsBetter: false },
  { key: 'openCpuMs', head: 'open CPU ms', digits: 0, higherIsBetter: false },
  { key: 'panFps', head: 'pan fps', digits: 1, higherIsBetter: true },
  { key: 'dragFps', head: 'drag fps', digits: 1, higherIsBetter: true },
  { key: 'panCpu', head: 'pan CPU ms/frame', digits: 2, higherIsBetter: false },
  { key: 'dragCpu', head: 'drag CPU ms/frame', digits: 2, higherIsBetter: false },
  { key: 'panScript', head: 'pan JS ms/frame', digits: 2, higherIsBetter: false },
  { key: 'dragScript', head: 'drag JS ms/frame', digits: 2, higherIsBetter: false },
];

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

type Cdp = Awaited<ReturnType<BrowserContext['newCDPSession']>>;

/** The renderer's cumulative main-thread times (Performance.getMetrics in thread ticks), ms. */
async function cpu(cdp: Cdp): Promise<{ task: number; script: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  // DevTools commands (the bench's own evaluate calls) are not the page's work.
  return { task: get('TaskDuration') - get('DevToolsCommandDuration'), script: get('ScriptDuration') };
}

async function framesDuring(
  page: Page,
  cdp: Cdp,
  action: () => Promise<void>,
): Promise<{ fps: number; cpuPerFrame: number; scriptPerFrame: number }> {
  await page.evaluate(`(() => {
    window.__frames = 0; window.__counting = true;
    const loop = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(loop); };
    window.__t0 = performance.now(); requestAnimationFrame(loop);
  })()`);
  const before = await cpu(cdp);
  await action();
  const r = (await page.evaluate(
    `(() => { window.__counting = false; return { frames: window.__frames, ms: performance.now() - window.__t0 }; })()`,
  )) as {
    frames: number;
    ms: number;
  };
  const after = await cpu(cdp);
  const frames = Math.max(1, r.frames);
  return {
    fps: (r.frames * 1000) / r.ms,
    cpuPerFrame: (after.task - before.task) / frames,
    scriptPerFrame: (after.script - before.script) / frames,
  };
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

async function measure(ctx: BrowserContext, url: string, n: number): Promise<Figures> {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  // Thread ticks: durations in the main thread's CPU time, not wall time.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.addInitScript(firstRenderProbe(n));
  const start = await cpu(cdp);
  await page.goto(url);
  await page.waitForFunction('window.__firstRender > 0', undefined, { timeout: 120_000, polling: 'raf' });
  const opened = await cpu(cdp);
  const openMs = (await page.evaluate('window.__firstRender')) as number;
  await page.waitForTimeout(800); // fit-view animations and the layout settle
  const quiet = await settle(page);
  if (process.env.MESHWRIGHT_BENCH_VERBOSE) console.log(`  ${url}: quiet ${quiet.toFixed(0)} ms after the settle wait`);
  const t = await targets(page);
  const pan = await framesDuring(page, cdp, () => sweep(page, t.pane, 90));
  await page.waitForTimeout(300);
  await settle(page);
  const t2 = await targets(page);
  const drag = await framesDuring(page, cdp, () => sweep(page, t2.node, 90));
  return {
    openMs,
    openCpuMs: opened.task - start.task,
    panFps: pan.fps,
    dragFps: drag.fps,
    panCpu: pan.cpuPerFrame,
    dragCpu: drag.cpuPerFrame,
    panScript: pan.scriptPerFrame,
    dragScript: drag.scriptPerFrame,
  };
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
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;

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
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  try {
    await waitForServer(base);
    const browser = await chromium.launch({
      ...(exe === 'bundled' ? {} : { executablePath: exe }),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-renderer-backgrounding'],
    });
    console.log(
      `${RUNS} interleaved rounds per size (bare and app alternate which goes first); load average at start ${load()} on ${cpus().length} cores`,
    );
    for (const n of SIZES) {
      const results: Record<'bare' | 'app', Figures[]> = { bare: [], app: [] };
      for (let r = 0; r < RUNS; r++) {
        const order = r % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
        for (const which of order) {
          // The probes are evaluated strings, which the built pages' CSP would refuse.
          const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
          const url = which === 'bare' ? `${base}/bench/bare.html?nodes=${n}` : `${base}/?bench=${n}`;
          results[which].push(await measure(ctx, url, n));
          await ctx.close();
        }
        if (process.env.MESHWRIGHT_BENCH_VERBOSE)
          console.log(
            `  ${n} round ${r + 1}: bare ${JSON.stringify(results.bare[r])}\n  ${n} round ${r + 1}: app ${JSON.stringify(results.app[r])}`,
          );
      }
      console.log(`\n${n} nodes (load average now ${load()})`);
      console.log(
        '| figure | bare React Flow: median (range) | Meshwright: median (range) | ratio of medians | paired ratios: median (range) | target |',
      );
      console.log('| --- | ---: | ---: | ---: | ---: | --- |');
      for (const m of METRICS) {
        const bare = results.bare.map((f) => f[m.key]);
        const app = results.app.map((f) => f[m.key]);
        // App over bare, round by round: both pages of a round ran under about the same load.
        const paired = app.map((a, i) => a / bare[i]!);
        const fps = m.key === 'panFps' || m.key === 'dragFps';
        const show = (x: number) => (fps ? `${(x * 100).toFixed(0)} %` : `${x.toFixed(2)}x`);
        const target = m.key === 'openMs' ? '<= 1.5x' : fps ? '>= 80 %' : '';
        console.log(
          `| ${m.head} | ${median(bare).toFixed(m.digits)} (${range(bare, m.digits)}) | ${median(app).toFixed(m.digits)} (${range(app, m.digits)}) | ${show(median(app) / median(bare))} | ${show(median(paired))} (${show(Math.min(...paired))}-${show(Math.max(...paired))}) | ${target} |`,
        );
      }
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
