// Calls and resilience: a CallRun is one logical call; each try asks the caller replica's
// breaker for permission, is bounded by the edge's per-try timeout, and a failed try is retried
// with backoff (retry around breaker around timeout, as resilience4j and Envoy do it). The
// outcome goes back to the call's owner (a visit, a client request or a saga). Publishing to a
// queue or topic is a call that succeeds at once.
import { E_ANSWER, E_FINISH, E_RETRY, E_START_CALL, E_DELIVER, E_TIMEOUT } from './events.js';
import {
  BREAKER_OPEN,
  MAX_DEPTH,
  OK,
  OWN_CLIENT,
  OWN_SAGA,
  OWN_VISIT,
  RETRYABLE,
  TIMEOUT,
  Visit,
  type CallRun,
  type ClientReq,
  type Edge,
  type SagaRun,
} from './runtime.js';
import type { Simulation } from './simulate.js';

export class Calls {
  /** Result deliveries nested on the call stack right now. */
  private depth = 0;

  constructor(private readonly s: Simulation) {
    s.k.on(E_TIMEOUT, (e) => this.onTimeouts(e as Edge));
    s.k.on(E_RETRY, (c) => {
      if (!(c as CallRun).done) this.startTry(c as CallRun);
    });
    s.k.on(E_START_CALL, (c) => this.startTry(c as CallRun));
    s.k.on(E_FINISH, (c, cause) => this.deliverResult(c as CallRun, cause));
    s.k.on(E_ANSWER, (c, arg) => this.tryResult(c as CallRun, arg >> 3, (arg & 7) - 1));
  }

  startTry(c: CallRun): void {
    const s = this.s;
    const edge = c.edge;
    const stats = edge.stats;
    const now = s.k.now;
    c.tryNo++;
    if (c.counted) {
      stats.attempts++;
      if (c.tryNo > 1) stats.retries++;
    }
    if (edge.breakerCfg) {
      if (c.breaker === null) c.breaker = edge.breakerFor(c.callerReplica);
      const epoch = c.breaker!.acquire(now);
      if (epoch < 0) {
        if (c.counted) {
          stats.byCause[BREAKER_OPEN]!++;
          stats.failed++;
        }
        this.finishCall(c, BREAKER_OPEN);
        return;
      }
      c.epoch = epoch;
    }
    c.tryOpen = true;
    c.tryStart = now;
    const to = edge.to;
    if (edge.toMessaging) {
      s.messaging.publish(to, c.trace, c.parentSpan, c.key);
      this.tryResult(c, c.tryNo, OK);
      return;
    }
    if (edge.timeout !== Infinity) {
      c.toLinked = true;
      c.toPrev = edge.toLast;
      c.toNext = null;
      if (edge.toLast !== null) edge.toLast.toNext = c;
      else edge.toFirst = c;
      edge.toLast = c;
      if (!edge.armed && !edge.firing) {
        edge.armed = true;
        s.k.at(now + edge.timeout, E_TIMEOUT, edge, 0);
      }
    }
    const v = new Visit(to, c, c.tryNo, null, c.key, c.route, c.trace, now);
    s.lim.inFlight++;
    // Half the network time (and any `delay` fault) before the callee; the timeout counts from now.
    const out = stats.delay + edge.network / 2;
    if (out > 0) s.k.at(now + out, E_DELIVER, v, 0);
    else s.nodes.arrive(v);
  }

  /** The callee answered try tryNo; the answer travels back the other half of the network time. */
  answer(c: CallRun, tryNo: number, cause: number): void {
    const net = c.edge.network;
    if (net > 0) this.s.k.at(this.s.k.now + net / 2, E_ANSWER, c, tryNo * 8 + cause + 1);
    else this.tryResult(c, tryNo, cause);
  }

  private onTimeouts(e: Edge): void {
    e.armed = false;
    e.firing = true;
    const now = this.s.k.now;
    // Every linked try is open; the head has the earliest deadline.
    for (let c = e.toFirst; c !== null && c.tryStart + e.timeout <= now; c = e.toFirst) this.tryResult(c, c.tryNo, TIMEOUT);
    e.firing = false;
    if (e.toFirst !== null) {
      e.armed = true;
      this.s.k.at(e.toFirst.tryStart + e.timeout, E_TIMEOUT, e, 0);
    }
  }

  /** Takes an ended try's deadline off its edge's list. */
  private unlinkTimeout(c: CallRun): void {
    const e = c.edge;
    const p = c.toPrev;
    const n = c.toNext;
    if (p !== null) p.toNext = n;
    else e.toFirst = n;
    if (n !== null) n.toPrev = p;
    else e.toLast = p;
    c.toPrev = c.toNext = null;
    c.toLinked = false;
  }

  /** Try number tryNo of the call ended with an outcome (stale tries are ignored). */
  tryResult(c: CallRun, tryNo: number, cause: number): void {
    if (c.done || !c.tryOpen || tryNo !== c.tryNo) return;
    c.tryOpen = false;
    if (c.toLinked) this.unlinkTimeout(c);
    const now = this.s.k.now;
    const edge = c.edge;
    if (c.breaker !== null) {
      const slow = now - c.tryStart > c.breaker.store.slowCall;
      c.breaker.record(now, c.epoch, cause !== OK, slow);
      if (slow && c.counted) edge.stats.slow++;
    }
    const stats = edge.stats;
    if (cause === OK) {
      if (c.counted) stats.ok++;
      this.finishCall(c, OK);
      return;
    }
    if (c.counted) stats.byCause[cause]!++;
    const retry = edge.retry;
    if (retry !== undefined && c.tryNo < retry.attempts && RETRYABLE[cause] === 1) {
      let wait = Math.min(retry.backoff * Math.pow(retry.multiplier, c.tryNo - 1), retry.maxBackoff);
      if (retry.jitter === 'full') wait *= edge.jitter.next();
      this.s.k.at(now + wait, E_RETRY, c, 0);
      return;
    }
    if (c.counted) stats.failed++;
    this.finishCall(c, cause);
  }

  private finishCall(c: CallRun, cause: number): void {
    c.done = true;
    // A result climbs the caller chain on the call stack, but only so far: a deep chain (a
    // zero-latency cycle) goes on through the event queue, so no design can overflow the stack.
    if (this.depth >= MAX_DEPTH) {
      this.s.k.at(this.s.k.now, E_FINISH, c, cause);
      return;
    }
    this.depth++;
    this.deliverResult(c, cause);
    this.depth--;
  }

  private deliverResult(c: CallRun, cause: number): void {
    switch (c.ownerKind) {
      case OWN_VISIT:
        // An optional call's failure is counted on the call; the caller goes on.
        this.s.nodes.callDone(c.owner as Visit, c.edge.optional ? OK : cause);
        break;
      case OWN_CLIENT:
        this.s.clients.done(c.owner as ClientReq, cause);
        break;
      case OWN_SAGA:
        this.s.sagas.callDone(c.owner as SagaRun, c, cause);
        break;
    }
  }
}
