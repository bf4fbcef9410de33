// A request at a node (a Visit): arrival (guard rail, rate limit, route, balancer), the FIFO
// wait at its replica, its own work, then its calls in order or in parallel (holding the worker
// while it waits for sync calls), a gateway's forward, a cache's miss call, a saga's steps; and
// its end, which frees the worker, serves the next in line and reports to the visit's caller.
import { E_DELIVER, E_WORK } from './events.js';
import {
  CallRun,
  ERROR,
  K_CACHE,
  K_DATABASE,
  K_GATEWAY,
  K_SAGA,
  NOT_FOUND,
  NO_REPLICA,
  OK,
  OWN_NONE,
  OWN_VISIT,
  PH_CALLS,
  PH_FORWARD,
  PH_MISS,
  RATE_LIMITED,
  REJECTED,
  STOP_AFTER_REFUSALS,
  type Edge,
  type Replica,
  type Visit,
} from './runtime.js';
import type { Simulation } from './simulate.js';

export class Nodes {
  constructor(private readonly s: Simulation) {
    s.k.on(E_WORK, (v) => this.onWorkDone(v as Visit));
    s.k.on(E_DELIVER, (v) => this.arrive(v as Visit));
  }

  arrive(v: Visit): void {
    const s = this.s;
    const n = v.node;
    const now = s.k.now;
    v.arrive = now;
    if (now >= s.warmup) n.arrivals++;
    if (v.trace) v.span = v.trace.start(v.call ? v.call.parentSpan : v.msg!.parentSpan, n.id, now);
    const lim = s.lim;
    if (lim.inFlight > lim.maxInFlight) {
      lim.capped++;
      if (++lim.refusedInFlight >= STOP_AFTER_REFUSALS * lim.maxInFlight) s.k.stopped = 'inFlight';
      return this.finish(v, REJECTED);
    }
    if (n.limiter !== null && !n.limiter.take(now)) return this.finish(v, RATE_LIMITED);
    if (n.kind === K_GATEWAY) {
      const path = v.route ?? '/';
      let fwd: Edge | null = null;
      for (const r of n.routes)
        if (path.startsWith(r.path)) {
          fwd = r.edge;
          break;
        }
      if (fwd === null) return this.finish(v, NOT_FOUND);
      v.forward = fwd;
    }
    if (n.ops !== null) {
      const call = v.call;
      const want = call === null ? undefined : call.isComp ? call.compOp : call.edge.targetOp;
      let op = want !== undefined ? (n.opByName!.get(want) ?? null) : null;
      if (op === null) {
        op = n.ops[0]!;
        if (n.ops.length > 1) {
          let u = n.rngCalls.next() * n.opWeight;
          for (const o of n.ops) {
            op = o;
            if ((u -= o.weight) < 0) break;
          }
        }
      }
      v.op = op;
      if (now >= s.warmup) op.arrivals++;
    }
    const rep = s.replicas.pick(n, v.key);
    if (rep === null) return this.finish(v, NO_REPLICA);
    v.rep = rep;
    if (rep.busy < n.conc) this.startService(v);
    else if (rep.waiting < n.qlim) {
      s.collect.touch(n);
      rep.queue.push(v);
      n.waiting++;
      if (n.waiting > n.maxQueue && now >= s.warmup) n.maxQueue = n.waiting;
    } else {
      v.rep = null;
      this.finish(v, REJECTED);
    }
  }

  /** The visit takes a worker of its replica and starts its own work. */
  startService(v: Visit): void {
    const n = v.node;
    const rep = v.rep!;
    const now = this.s.k.now;
    this.s.collect.touch(n);
    rep.busy++;
    n.busy++;
    v.inService = true;
    v.activeIdx = rep.active.length;
    rep.active.push(v);
    const op = v.op;
    const work = (op !== null && op.work !== null ? op.work : rep.ver.work)(n.rngWork) * n.latMul;
    this.s.k.at(now + work, E_WORK, v, 0);
  }

  private onWorkDone(v: Visit): void {
    if (v.done) return;
    const n = v.node;
    const op = v.op;
    const err =
      n.errOverride === n.errOverride ? n.errOverride : op !== null && op.errorRate === op.errorRate ? op.errorRate : v.rep!.ver.errorRate;
    if (err > 0 && n.rngWork.next() < err) return this.finish(v, ERROR);
    const kind = n.kind;
    if (kind === K_DATABASE) return this.finish(v, OK);
    if (kind === K_CACHE) {
      const hit = n.rngCalls.next() < n.hitRatio;
      if (v.arrive >= this.s.warmup) {
        if (hit) n.cacheHits++;
        else n.cacheMisses++;
      }
      if (hit || n.miss === null) return this.finish(v, OK);
      v.phase = PH_MISS;
      return this.callFrom(v, n.miss);
    }
    v.phase = PH_CALLS;
    if (op !== null && op.calls !== null) {
      v.calls = op.calls;
      v.par = op.parallel;
      v.groups = op.groups;
    } else {
      v.calls = n.calls;
      v.par = n.parallel;
      v.groups = n.groups;
    }
    if (v.groups !== null) return this.nextStage(v);
    if (v.par) {
      if (this.startAtOnce(v, v.calls)) this.afterCalls(v);
      return;
    }
    this.continueCalls(v);
  }

  /** Stages: the calls of one stage at once; the next when they have all finished. */
  private nextStage(v: Visit): void {
    const groups = v.groups!;
    while (v.nextCall < groups.length) if (!this.startAtOnce(v, groups[v.nextCall++]!)) return;
    this.afterCalls(v);
  }

  /** Starts calls at once (each with its probability); true when none is left to wait for
   * (every sync one answered already, or there was none) and the visit is still open. */
  private startAtOnce(v: Visit, calls: Edge[]): boolean {
    const n = v.node;
    v.pending = 1;
    for (const e of calls) {
      if (v.done) return false;
      if (e.probability < 1 && n.rngCalls.next() >= e.probability) continue;
      if (e.fire) this.fireAndForget(v, e);
      else {
        v.pending++;
        this.callFrom(v, e);
      }
    }
    if (v.done) return false;
    return --v.pending === 0;
  }

  private continueCalls(v: Visit): void {
    const n = v.node;
    const calls = v.calls;
    while (v.nextCall < calls.length) {
      const e = calls[v.nextCall++]!;
      if (e.probability < 1 && n.rngCalls.next() >= e.probability) continue;
      if (e.fire) {
        this.fireAndForget(v, e);
        if (v.done) return;
        continue;
      }
      this.callFrom(v, e);
      return;
    }
    this.afterCalls(v);
  }

  private afterCalls(v: Visit): void {
    if (v.forward !== null) {
      v.phase = PH_FORWARD;
      return this.callFrom(v, v.forward);
    }
    if (v.node.kind === K_SAGA) return this.s.sagas.start(v);
    this.finish(v, OK);
  }

  private callFrom(v: Visit, e: Edge): void {
    const c = new CallRun(e, OWN_VISIT, v, v.rep!.idx, v.arrive >= this.s.warmup, v.key, v.route, v.trace, v.span);
    this.s.calls.startTry(c);
  }

  private fireAndForget(v: Visit, e: Edge): void {
    const c = new CallRun(e, OWN_NONE, null, v.rep!.idx, v.arrive >= this.s.warmup, v.key, undefined, v.trace, v.span);
    this.s.calls.startTry(c);
  }

  /** A sync call the visit made ended. */
  callDone(v: Visit, cause: number): void {
    if (v.done) return;
    if (cause !== OK) return this.finish(v, cause);
    switch (v.phase) {
      case PH_CALLS:
        if (v.groups !== null) {
          if (--v.pending === 0) this.nextStage(v);
        } else if (v.par) {
          if (--v.pending === 0) this.afterCalls(v);
        } else this.continueCalls(v);
        return;
      default:
        this.finish(v, OK);
    }
  }

  /** The visit ends with an outcome: its worker serves the next, its caller hears of it. */
  finish(v: Visit, cause: number): void {
    if (v.done) return;
    const s = this.s;
    v.done = true;
    s.lim.inFlight--;
    const n = v.node;
    const now = s.k.now;
    const rep = v.rep;
    if (rep !== null && v.inService) {
      s.collect.touch(n);
      const last = rep.active.pop()!;
      if (last !== v) {
        rep.active[v.activeIdx] = last;
        last.activeIdx = v.activeIdx;
      }
      v.inService = false;
      rep.busy--;
      n.busy--;
      this.serveNext(rep);
    }
    if (v.arrive >= s.warmup) {
      if (cause === OK) n.completed++;
      else n.failed++;
      n.lat.record(now - v.arrive);
      const op = v.op;
      if (op !== null) {
        if (cause !== OK) op.failed++;
        op.lat.record(now - v.arrive);
      }
    }
    if (v.trace) v.trace.end(v.span, now, cause);
    if (v.call !== null) s.calls.answer(v.call, v.tryNo, cause);
    else if (v.msg !== null) s.messaging.done(v.msg, v.node, cause);
  }

  /** A worker came free: the next in the replica's line, else a message from a backlog. */
  private serveNext(rep: Replica): void {
    if (rep.killed) return;
    const n = rep.node;
    if (rep.waiting > 0) {
      const v = rep.queue[rep.qHead]!;
      rep.queue[rep.qHead++] = undefined as unknown as Visit;
      if (rep.qHead > 1024 && rep.qHead * 2 > rep.queue.length) {
        rep.queue = rep.queue.slice(rep.qHead);
        rep.qHead = 0;
      }
      n.waiting--;
      this.startService(v);
      return;
    }
    if (rep.serving && n.subs.length > 0) this.s.messaging.pull(rep);
  }
}
