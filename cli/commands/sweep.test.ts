// The sweep command: the same JSON whatever the thread count, the document's shape, clear
// refusals of bad options, the table and knee line, and cancel (Ctrl-C) terminating the workers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { Io } from '../io.js';

const template = 'templates/e-commerce.arch.yaml';

async function cli(args: string[], tty = false, onErr?: (s: string) => void) {
  let out = '';
  let err = '';
  const io: Io = {
    out: (s) => void (out += s),
    err: (s) => {
      err += s;
      onErr?.(s);
    },
    tty,
  };
  const code = await main(['sweep', ...args], io);
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'mw-sweep-'));
function file(name: string, text: string) {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
const mm1 = file(
  'mm1.arch.yaml',
  'version: 1\nname: mm1\nnodes:\n  web: { kind: client, rate: 10, slo: { p99: 140ms }, requests: [ { to: s } ] }\n' +
    '  s: { kind: service, concurrency: 1, queue: 100000, latency: { dist: exponential, mean: 10ms } }\n',
);

describe('meshwright sweep', () => {
  it('gives identical JSON (wall time aside) with 1 and 4 threads, in the documented shape', async () => {
    const args = [
      template,
      '--scenario',
      'inventory-slowdown',
      '--traffic',
      '0.5..2',
      '--steps',
      '3',
      '--replications',
      '2',
      '--duration',
      '3s',
      '--json',
    ];
    const one = await cli([...args, '--threads', '1']);
    const four = await cli([...args, '--threads', '4']);
    expect(one.code).toBe(0);
    expect(four.code).toBe(0);
    const strip = (s: string) => s.replace(/"wallMs": [\d.]+/, '"wallMs": 0');
    expect(strip(four.out)).toBe(strip(one.out));
    const doc = JSON.parse(one.out);
    expect(doc).toMatchObject({ design: 'shop', scenario: 'inventory-slowdown', replications: 2, stats: { runs: 6 } });
    expect(doc.points.map((p: { traffic: number }) => p.traffic)).toEqual([0.5, 1.25, 2]);
    const p = doc.points[0];
    for (const k of ['throughput', 'errorRate', 'p50', 'p99']) {
      expect(p[k].ci[0]).toBeLessThanOrEqual(p[k].mean);
      expect(p[k].ci[1]).toBeGreaterThanOrEqual(p[k].mean);
    }
    expect(p.busiest).toEqual({ node: expect.any(String), utilization: expect.any(Number) });
    expect(doc.knee === null || typeof doc.knee.traffic === 'number').toBe(true);
    // stdout holds exactly the one document.
    expect(one.out.trim().startsWith('{')).toBe(true);
    // Each worker thread loads the engine through tsx (~1 s of CPU): slow on a busy machine.
  }, 240_000);

  it('prints a table with intervals, the SLOs met and the busiest node, then the knee', async () => {
    const r = await cli([mm1, '--traffic', '1.5..9.5', '--steps', '5', '--replications', '2', '--duration', '20s', '--threads', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/traffic +throughput +errors +p50 +p99 +SLOs met +busiest node/);
    expect(r.out).toMatch(/x1\.5 +[\d.]+\/s ± [\d.]+\/s/);
    expect(r.out).toMatch(/s 9[0-9] %/); // the service near saturation at x9.5
    expect(r.out).toMatch(/p99 <= 140\.0 ms for web -> s: missed from x/);
    expect(r.out).toMatch(/knee: x[\d.]+ \(every objective met in every replication\); the busiest node past it: s \(9\d %\)/);
  }, 120_000);

  it('refuses bad options and designs, saying which and what is expected', async () => {
    const cases: [string[], RegExp][] = [
      [['--steps', '0'], /--steps expects a whole number of multipliers from 1 to 100, got "0"/],
      [['--steps', '2.5'], /--steps expects a whole number/],
      [['--traffic', '4..0.5'], /--traffic expects A\.\.B with A <= B/],
      [['--traffic', 'lots'], /--traffic expects multipliers A\.\.B such as 0\.5\.\.4, got "lots"/],
      [['--traffic', '0..2'], /--traffic expects multipliers above 0/],
      [['--traffic', '1..5000'], /--traffic expects multipliers up to 1000/],
      [['--replications', '10000'], /--replications expects a whole number of runs per multiplier from 1 to 1000, got "10000"/],
      [['--steps', '100', '--replications', '1000'], /at most 10000 runs, got 100000/],
      [['--steps', '1'], /--steps 1 cannot include both ends of --traffic 0\.5\.\.4/],
      [['--duration', '10'], /--duration takes a unit: 10ms, 10s or 10m/],
      [['--threads', '0'], /--threads expects a whole number of worker threads from 1/],
      [['--scenario', 'nope'], /unknown scenario "nope"/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli([mm1, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(msg);
    }
    const noClients = file('none.arch.yaml', 'version: 1\nnodes:\n  s: { kind: service }\n');
    const r = await cli([noClients]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the design has no clients/);
    expect((await cli([join(dir, 'missing.yaml')])).code).toBe(2);
    // A run no longer than the scenario's warmup would measure nothing.
    const warm = await cli([template, '--scenario', 'black-friday', '--duration', '5s']);
    expect(warm.code).toBe(2);
    expect(warm.err).toMatch(/--duration 5s is not longer than the scenario's warmup \(10 s\)/);
  });

  it('Ctrl-C cancels: the workers are terminated and the command exits 130', async () => {
    const before = new Set(process.listeners('SIGINT'));
    let started!: () => void;
    const progress = new Promise<void>((r) => (started = r));
    const t0 = performance.now();
    const run = cli([mm1, '--steps', '4', '--replications', '50', '--duration', '10m', '--threads', '2'], true, (s) => {
      if (/\d+\/200 runs/.test(s)) started();
    });
    await progress;
    // The command's own SIGINT handler (a real signal would also reach the test runner's).
    for (const l of process.listeners('SIGINT')) if (!before.has(l)) (l as () => void)();
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/sweep: cancelled after \d+ of 200 runs/);
    expect(r.out).toBe('');
    expect(process.listeners('SIGINT').filter((l) => !before.has(l))).toEqual([]);
    // 200 runs of 10 simulated minutes would take minutes; the cancel ends it at once.
    expect(performance.now() - t0).toBeLessThan(60_000);
  });
});
