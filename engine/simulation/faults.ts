// Faults (a scenario's `faults`): from `at` for `for`, an error rate replaces a node's, a
// latency multiplier scales its own work, `kill` takes replicas down (their requests fail with
// `error`), `delay` adds time on a call edge, `traffic` multiplies a client's rate.
import { E_FAULT } from './events.js';
import { ERROR, type FaultRt, type Replica } from './runtime.js';
import type { Simulation } from './simulate.js';

export class Faults {
  constructor(private readonly s: Simulation) {
    s.k.on(E_FAULT, (f, arg) => this.onFault(f as FaultRt, arg === 0));
  }

  /** Schedules the fault's start and end (at build time, before any other event). */
  add(f: FaultRt, at: number, length: number | undefined): void {
    this.s.faultRt.push(f);
    this.s.k.at(at, E_FAULT, f, 0);
    if (length !== undefined) this.s.k.at(at + length, E_FAULT, f, 1);
  }

  private onFault(f: FaultRt, starting: boolean): void {
    if (starting === f.active) return;
    const faults = this.s.faultRt;
    f.active = starting;
    if (f.stats && f.delay !== undefined) f.stats.delay += starting ? f.delay : -f.delay;
    if (f.client && f.traffic !== undefined) {
      const c = f.client;
      c.mul = faults.reduce((m, x) => (x.active && x.client === c && x.traffic !== undefined ? m * x.traffic : m), 1);
      c.gen++;
      this.s.clients.scheduleArrival(c);
    }
    const n = f.node;
    if (!n) return;
    if (f.errorRate !== undefined || f.latency !== undefined) {
      let err = NaN;
      let mul = 1;
      for (const x of faults)
        if (x.active && x.node === n) {
          if (x.errorRate !== undefined) err = x.errorRate;
          if (x.latency !== undefined) mul *= x.latency;
        }
      n.errOverride = err;
      n.latMul = mul;
    }
    if (f.kill !== undefined) {
      if (starting) {
        for (let i = n.replicas.length - 1; i >= 0 && f.killed.length < f.kill; i--) {
          const r = n.replicas[i]!;
          if (r.up && !r.killed) {
            f.killed.push(r);
            this.kill(r);
          }
        }
      } else {
        for (const r of f.killed) this.restore(r);
        f.killed = [];
      }
    }
  }

  private kill(r: Replica): void {
    const s = this.s;
    const n = r.node;
    r.killed = true;
    r.up = false;
    r.gen++;
    s.replicas.setServing(r, false);
    // Requests waiting at the replica and in its workers fail with `error`.
    const waiting = r.queue.slice(r.qHead);
    r.queue = [];
    r.qHead = 0;
    s.collect.touch(n);
    n.waiting -= waiting.length;
    for (const v of waiting) {
      v.rep = null;
      s.nodes.finish(v, ERROR);
    }
    for (const v of r.active.slice()) if (!v.done) s.nodes.finish(v, ERROR);
  }

  private restore(r: Replica): void {
    r.killed = false;
    r.up = true;
    this.s.replicas.setServing(r, true);
    this.s.messaging.wake(r.node);
  }
}
