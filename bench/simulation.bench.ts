// npm run bench: the simulator on a 6-service synchronous chain (3 replicas x 16 workers each,
// 2000 rps Poisson, exponential 1 ms own work (BENCH_WORK_MS), 600 s: ~1.2 M requests), plain,
// with a 60 s timeout on every call (as a reviewed design has), and with timeout + retry +
// breaker on every call, beside a lean hand-written event loop doing the same work in the same
// process. The machine is shared, so after a short warm-up of each loop every Meshwright run is
// paired with a lean run just before it (ABAB..., BENCH_ROUNDS rounds) and the ratios are the
// medians of the pairs' ratios, in CPU time of this process (which other processes' load
// inflates far less than wall time) and in wall time, printed beside the targets (simulation.md
// "Speed and size": 4x with timeouts, 6x resilient). Then the timeouts chain for 60 s and for
// BENCH_LONG (3600) s simulated, each in a fresh process, with its peak RSS and the ratio.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { simulate, parseDesign, type SimulationResult } from '../engine/index.js';

const HOPS = 6;
const REPLICAS = 3;
const CONC = 16;
const RATE = 2000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const MEAN = Number(process.env.BENCH_WORK_MS ?? 1); // ms of own work per hop (exponential)

type Kind = 'plain' | 'timeouts' | 'resilient';
function chain(kind: Kind) {
  const policy =
    kind === 'resilient'
      ? { timeout: '500ms', retry: { attempts: 3, backoff: '10ms' }, breaker: { window: 50, minCalls: 20, openFor: '5s' } }
      : kind === 'timeouts'
        ? { timeout: '60s' }
        : {};
  const nodes: Record<string, unknown> = { users: { kind: 'client', rate: RATE, requests: [{ to: 's0', ...policy }] } };
  for (let i = 0; i < HOPS; i++)
    nodes[`s${i}`] = {
      kind: 'service',
      replicas: REPLICAS,
      concurrency: CONC,
      latency: { dist: 'exponential', mean: MEAN },
      calls: i + 1 < HOPS ? [{ to: `s${i + 1}`, ...policy }] : [],
    };
  const r = parseDesign(JSON.stringify({ name: 'chain', nodes }), 'chain.json');
  if (!r.design) throw new Error('bad bench design');
  return r.design;
}

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

/** The lean reference: same model (Poisson arrivals, round robin, FIFO per replica, workers held
 * down the chain, exponential work), a typed-array heap, no policies, no statistics but the mean. */
function lean(seconds: number) {
  let s = 0x9e3779b9 | 0;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const exp = (m: number) => -m * Math.log(1 - rnd());
  let cap = 1 << 16;
  let time = new Float64Array(cap);
  let seq = new Float64Array(cap);
  let kind = new Int32Array(cap);
  let ref = new Int32Array(cap);
  let heap = new Int32Array(cap);
  const free: number[] = [];
  let n = 0;
  let slots = 0;
  let counter = 0;
  const less = (a: number, b: number) => time[a]! < time[b]! || (time[a] === time[b] && seq[a]! < seq[b]!);
  const push = (t: number, k: number, r: number) => {
    let sl = free.pop();
    if (sl === undefined) {
      if (slots === cap) {
        cap *= 2;
        const g = <T extends Float64Array | Int32Array>(a: T, C: new (n: number) => T) => {
          const b = new C(cap);
          b.set(a);
          return b;
        };
        time = g(time, Float64Array);
        seq = g(seq, Float64Array);
        kind = g(kind, Int32Array);
        ref = g(ref, Int32Array);
        heap = g(heap, Int32Array);
      }
      sl = slots++;
    }
    time[sl] = t;
    seq[sl] = counter++;
    kind[sl] = k;
    ref[sl] = r;
    let i = n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(sl, heap[p]!)) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = sl;
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap[--n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && less(heap[l + 1]!, heap[l]!) ? l + 1 : l;
      if (!less(heap[c]!, last)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    if (n > 0) heap[i] = last;
    free.push(top);
    return top;
  };
  // Requests: start time and current hop; replica chosen per hop.
  const reqStart: number[] = [];
  const reqRep: number[][] = [];
  const freeReq: number[] = [];
  const busy = new Int32Array(HOPS * REPLICAS);
  const queues: number[][] = Array.from({ length: HOPS * REPLICAS }, () => []);
  const rr = new Int32Array(HOPS);
  const reqHop: number[] = [];
  let done = 0;
  let sum = 0;
  let events = 0;
  const end = seconds * 1000;
  const enter = (r: number, hop: number, now: number) => {
    reqHop[r] = hop;
    const rep = hop * REPLICAS + rr[hop]!;
    rr[hop] = (rr[hop]! + 1) % REPLICAS;
    reqRep[r]![hop] = rep;
    if (busy[rep]! < CONC) {
      busy[rep]!++;
      push(now + exp(MEAN), 1, r);
    } else queues[rep]!.push(r);
  };
  const release = (rep: number, now: number) => {
    const q = queues[rep]!;
    if (q.length > 0) push(now + exp(MEAN), 1, q.shift()!);
    else busy[rep]!--;
  };
  push(exp(1000 / RATE), 0, 0);
  while (n > 0) {
    const ev = pop();
    const now = time[ev]!;
    if (now > end) break;
    events++;
    if (kind[ev] === 0) {
      push(now + exp(1000 / RATE), 0, 0);
      let r = freeReq.pop();
      if (r === undefined) {
        r = reqStart.length;
        reqStart.push(0);
        reqRep.push(new Array<number>(HOPS).fill(0));
        reqHop.push(0);
      }
      reqStart[r] = now;
      enter(r, 0, now);
    } else {
      const r = ref[ev]!;
      const hop = reqHop[r]!;
      if (hop + 1 < HOPS) enter(r, hop + 1, now);
      else {
        // The chain unwinds at once: every hop's worker is released now.
        for (let h = HOPS - 1; h >= 0; h--) release(reqRep[r]![h]!, now);
        done++;
        sum += now - reqStart[r]!;
        freeReq.push(r);
      }
    }
  }
  return { requests: done, events, mean: sum / done };
}

function report(name: string, requests: number, events: number, ms: number, extra = '') {
  console.log(
    `${name.padEnd(34)} ${(requests / (ms / 1000)).toFixed(0).padStart(9)} req/s  ${(events / (ms / 1000)).toFixed(0).padStart(9)} events/s  ${(ms / 1000).toFixed(2)} s CPU${extra}`,
  );
}

const rssRun = process.env.BENCH_RSS_RUN;
if (rssRun !== undefined) {
  // A child: one timeouts-chain run of rssRun seconds; prints its peak RSS in bytes.
  simulate(chain('timeouts'), { duration: Number(rssRun) * 1000, onProgress: sampleRss, progressEvery: 1 << 16 });
  sampleRss();
  console.log(String(peakRss));
} else {
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
  console.log(
    `6-service chain, ${REPLICAS} replicas x ${CONC} workers, ${RATE} rps, exponential ${MEAN} ms work, ${SECONDS} s simulated, ${rounds} rounds (Node ${process.version}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const median = (xs: number[]) => {
    const a = [...xs].sort((x, y) => x - y);
    const m = a.length >> 1;
    return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
  };
  const kinds = [
    ['plain', 'plain', Infinity],
    ['timeout on every call', 'timeouts', 4],
    ['timeout+retry+breaker', 'resilient', 6],
  ] as const;
  type Pair = { leanCpu: number; leanWall: number; cpu: number; wall: number; r: SimulationResult; l: ReturnType<typeof lean> };
  const pairs = new Map<Kind, Pair[]>(kinds.map(([, k]) => [k, []]));
  // Warm-up: every loop once for a short time, so the first measured pair is not the JIT's.
  for (const [, kind] of kinds) {
    lean(Math.min(SECONDS, 30));
    simulate(chain(kind), { duration: Math.min(SECONDS, 30) * 1000 });
  }
  for (let round = 0; round < rounds; round++)
    for (const [, kind] of kinds) {
      const design = chain(kind);
      let c = cpuMs();
      let t = performance.now();
      const l = lean(SECONDS);
      const leanWall = performance.now() - t;
      const leanCpu = cpuMs() - c;
      sampleRss();
      c = cpuMs();
      t = performance.now();
      const r = simulate(design, {
        clock: () => performance.now(),
        duration: SECONDS * 1000,
        onProgress: sampleRss,
        progressEvery: 1 << 18,
      });
      const wall = performance.now() - t;
      pairs.get(kind)!.push({ leanCpu, leanWall, cpu: cpuMs() - c, wall, r, l });
    }
  const all = [...pairs.values()].flat();
  const l0 = all[0]!.l;
  const leanCpu = median(all.map((p) => p.leanCpu));
  report('lean hand-written loop', l0.requests, l0.events, leanCpu, `  (mean ${l0.mean.toFixed(2)} ms; median CPU of ${all.length} runs)`);
  for (const [name, kind, target] of kinds) {
    const ps = pairs.get(kind)!;
    const r = ps[0]!.r;
    const cpuRatio = median(ps.map((p) => p.cpu / p.leanCpu));
    const wallRatio = median(ps.map((p) => p.wall / p.leanWall));
    const verdict = target === Infinity ? '' : `, target ${target}x: ${cpuRatio <= target ? 'met' : 'NOT met'}`;
    report(
      `meshwright, ${name}`,
      r.requests.total,
      r.stats.events,
      median(ps.map((p) => p.cpu)),
      `  (mean ${r.latency.mean.toFixed(2)} ms) ${cpuRatio.toFixed(2)}x lean CPU, ${wallRatio.toFixed(2)}x wall${verdict}`,
    );
  }
  console.log(
    `ratios per pair (CPU): ${kinds
      .map(
        ([, k]) =>
          `${k} ${pairs
            .get(k)!
            .map((p) => (p.cpu / p.leanCpu).toFixed(2))
            .join(' ')}`,
      )
      .join('; ')}`,
  );
  sampleRss();
  console.log(`peak RSS ${(peakRss / 1048576).toFixed(0)} MiB (this process, all runs)`);
  const long = Number(process.env.BENCH_LONG ?? 3600);
  const rss = (seconds: number) => {
    const c = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
      env: { ...process.env, BENCH_RSS_RUN: String(seconds) },
      encoding: 'utf8',
    });
    if (c.status !== 0) throw new Error(c.stderr);
    return Number(c.stdout.trim().split('\n').pop());
  };
  const short = rss(60);
  const big = rss(long);
  console.log(
    `timeouts chain peak RSS: 60 s ${(short / 1048576).toFixed(0)} MiB, ${long} s ${(big / 1048576).toFixed(0)} MiB (${(big / short).toFixed(2)}x)`,
  );
}
