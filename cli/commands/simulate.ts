// meshwright simulate <design> [--scenario NAME] [--seed N] [--duration 60s] [--json] [--out FILE]
// [--fail-on-slo]: runs the simulation engine and prints a summary table (or, with --json, exactly
// one JSON document, simulation.md's results). A progress bar goes to stderr when it is a terminal.
// --fail-on-slo exits 1 when an objective was missed (after printing), for CI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseDuration, simulate, SimulationError, type Design, type SimulationResult, type SloResult } from '../../engine/index.js';
import { CliError, EXIT, loadDesign, locatedMessage, scanArgs, type Io } from '../io.js';

export const help = `Usage: meshwright simulate <design> [--scenario NAME] [--seed N] [--duration 60s] [--json] [--out FILE] [--fail-on-slo]

Runs a deterministic discrete-event simulation of the design (a scenario of the design, or 60 s of
nominal traffic) and prints a summary, with each objective (slo) met or missed. --json prints the
results document instead; --out FILE also writes it to FILE. The same seed gives the same results.
--fail-on-slo: exit 1 when an objective is missed (after printing).
Exit codes: 0 done, 1 invalid design or (with --fail-on-slo) an objective missed, 2 wrong usage,
unknown scenario or unreadable file.`;

interface Args {
  file: string;
  scenario?: string;
  seed?: number;
  duration?: number;
  json: boolean;
  out?: string;
  failOnSlo: boolean;
}

/** --seed's value, or the message refusing it. */
export function seedFlag(v: string): number | string {
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) return `--seed expects an integer, got "${v}"`;
  return Number(v);
}

/** --duration's value in ms, or the message refusing it (cli.md: a unit is required). */
export function durationFlag(v: string): number | string {
  if (/^\d+(\.\d+)?$/.test(v)) return `--duration takes a unit: ${v}ms, ${v}s or ${v}m (got the bare number "${v}")`;
  const ms = parseDuration(v);
  if (ms === undefined || !(ms > 0)) return `--duration expects a duration like 500ms, 60s, 1.5m or 1h, got "${v}"`;
  return ms;
}

function usage(msg: string): never {
  throw new CliError(`simulate: ${msg}\n\n${help}`, EXIT.usage);
}

export function parseArgs(args: string[]): Args {
  const a: Partial<Args> = { json: false, failOnSlo: false };
  const files = scanArgs(args, usage, (flag, value) => {
    switch (flag) {
      case '--json':
        a.json = true;
        break;
      case '--fail-on-slo':
        a.failOnSlo = true;
        break;
      case '--scenario':
        a.scenario = value();
        break;
      case '--seed': {
        const seed = seedFlag(value());
        if (typeof seed === 'string') usage(seed);
        a.seed = seed;
        break;
      }
      case '--duration': {
        const ms = durationFlag(value());
        if (typeof ms === 'string') usage(ms);
        a.duration = ms;
        break;
      }
      case '--out':
        a.out = value();
        break;
      default:
        return false;
    }
    return true;
  });
  if (files.length !== 1) usage('expected exactly one design file');
  return { ...a, file: files[0]! } as Args;
}

function bar(io: Io) {
  let last = -1;
  return {
    update(time: number, duration: number) {
      const pct = Math.floor((100 * time) / Math.max(1, duration));
      if (pct === last) return;
      last = pct;
      const w = 30;
      const fill = Math.round((w * pct) / 100);
      io.err(`\r[${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${String(pct).padStart(3)}%  ${(time / 1000).toFixed(0)}s simulated`);
    },
    done() {
      if (last >= 0) io.err('\r\x1b[K');
    },
  };
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** "web -> gateway /checkout": a client's requests entry, as a person reads it. */
export function entryLabel(design: Design | undefined, s: Pick<SloResult, 'client' | 'request'>): string {
  const node = design?.nodes[s.client];
  const e = node?.kind === 'client' ? node.requests[s.request] : undefined;
  if (!e) return `${s.client} #${s.request}`;
  return `${s.client} -> ${e.to}${e.route ? ` ${e.route}` : ''}${e.op ? ` (${e.op})` : ''}`;
}

/** An objective's value or target as a person reads it: ms for percentiles, % for errorRate. */
export function sloFigure(objective: SloResult['objective'], v: number): string {
  return objective === 'errorRate' ? `${+(v * 100).toFixed(3)} %` : ms(v);
}

function sloLines(r: SimulationResult, design?: Design): string[] {
  if (r.slos.length === 0) return [];
  const rows = [['objective', 'entry', 'value', 'target', 'status']];
  for (const s of r.slos)
    rows.push([
      s.objective,
      entryLabel(design, s),
      s.value === null ? 'no requests' : sloFigure(s.objective, s.value),
      sloFigure(s.objective, s.target),
      s.met ? 'met' : 'MISSED',
    ]);
  const missed = r.slos.filter((s) => !s.met).length;
  return ['', table(rows), missed ? `${missed} of ${r.slos.length} objectives missed` : `all ${r.slos.length} objectives met`];
}

export function summary(r: SimulationResult, design?: Design): string {
  const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(2)} %` : '-');
  const lines: string[] = [];
  lines.push(
    `${r.design} · ${r.scenario ?? 'nominal traffic'} · ${r.duration / 1000} s simulated${r.warmup ? ` (${r.warmup / 1000} s warmup)` : ''} · seed ${r.seed}`,
  );
  lines.push('');
  lines.push(
    `requests ${r.requests.total}  ok ${r.requests.ok}  failed ${r.requests.failed} (${pct(r.requests.failed, r.requests.total)})  throughput ${r.throughput.toFixed(1)} req/s`,
  );
  const causes = Object.entries(r.requests.byCause).filter(([, n]) => n > 0);
  if (causes.length) lines.push(`failures by cause: ${causes.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  const l = r.latency;
  lines.push(`latency  mean ${ms(l.mean)}  p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p99 ${ms(l.p99)}  max ${ms(l.max)}`);
  lines.push('');
  const rows = [['node', 'arrivals', 'ok', 'failed', 'util', 'queue max', 'p50', 'p99', 'replicas', 'backlog']];
  for (const [id, n] of Object.entries(r.nodes))
    rows.push([
      id,
      String(n.arrivals),
      String(n.completed),
      String(n.failed),
      `${(n.utilization * 100).toFixed(0)} %`,
      String(n.maxQueue),
      ms(n.latency.p50),
      ms(n.latency.p99),
      n.replicas.min === n.replicas.max ? String(n.replicas.final) : `${n.replicas.min}-${n.replicas.max} (${n.replicas.final})`,
      n.backlog.max ? `${n.backlog.max} max` : '',
    ]);
  lines.push(table(rows));
  const broken = Object.entries(r.calls).filter(([, c]) => c.failed > 0 || c.breaker.transitions.length > 0);
  if (broken.length) {
    lines.push('');
    const crow = [['call', 'attempts', 'retries', 'ok', 'failed', 'breaker opened']];
    for (const [k, c] of broken)
      crow.push([
        k,
        String(c.attempts),
        String(c.retries),
        String(c.ok),
        String(c.failed),
        String(c.breaker.transitions.filter((t) => t.to === 'open').length),
      ]);
    lines.push(table(crow));
  }
  const sagas = Object.entries(r.sagas);
  if (sagas.length) {
    lines.push('');
    for (const [id, s] of sagas)
      lines.push(`saga ${id}: started ${s.started}, completed ${s.completed}, compensated ${s.compensated}, failed ${s.failed}`);
  }
  lines.push(...sloLines(r, design));
  lines.push('');
  lines.push(`${r.stats.events} events in ${r.stats.wallMs.toFixed(0)} ms`);
  if (r.stats.capped > 0)
    lines.push(`warning: ${r.stats.capped} requests/messages turned away by the memory guard rails (overloaded design)`);
  return lines.join('\n');
}

export function run(args: string[], io: Io): number {
  const a = parseArgs(args);
  const { design, locate } = loadDesign(a.file, io);
  const progress = io.tty ? bar(io) : null;
  let result: SimulationResult;
  try {
    result = simulate(design, {
      scenario: a.scenario,
      seed: a.seed,
      duration: a.duration,
      clock: () => performance.now(),
      onProgress: progress ? (p) => progress.update(p.time, p.duration) : undefined,
      progressEvery: 100_000,
    });
  } catch (e) {
    if (e instanceof SimulationError) {
      // An unknown scenario is a usage error; a `set` that breaks the format makes the design invalid.
      const unknown = e.message.startsWith('unknown scenario');
      throw new CliError(locatedMessage(a.file, e.message, e.path, locate), unknown ? EXIT.usage : EXIT.invalid);
    }
    throw e;
  } finally {
    progress?.done();
  }
  const json = JSON.stringify(result, null, 2);
  if (a.out !== undefined) {
    try {
      mkdirSync(dirname(a.out), { recursive: true });
      writeFileSync(a.out, `${json}\n`);
    } catch (e) {
      throw new CliError(`simulate: cannot write ${a.out}: ${(e as Error).message}`, EXIT.usage);
    }
  }
  io.out(a.json ? `${json}\n` : `${summary(result, design)}\n`);
  const missed = result.slos.filter((s) => !s.met);
  if (a.failOnSlo && missed.length > 0) {
    // The reason on stderr too, so it shows in CI logs next to a --json document.
    io.err(`simulate: ${missed.length} objective${missed.length === 1 ? '' : 's'} missed (--fail-on-slo)\n`);
    return EXIT.invalid;
  }
  return EXIT.ok;
}
