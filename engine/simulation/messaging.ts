// Messaging: queues and topics hold backlogs (a queue one shared by its consumers, a topic one
// per consumer); a message is handed to a consumer replica when it has a free worker (prefetch
// 1); a failed processing is redelivered at the tail until maxDeliveries, then published to the
// DLQ. The backlog guard rail loses copies past maxBacklog.
import { Message, OK, STOP_AFTER_REFUSALS, Visit, type Backlog, type NodeRt, type Replica, type TraceRt } from './runtime.js';
import type { Simulation } from './simulate.js';

export class Messaging {
  constructor(private readonly s: Simulation) {}

  publish(qn: NodeRt, trace: TraceRt | null, parentSpan: number, key: number): void {
    const s = this.s;
    const now = s.k.now;
    const counted = now >= s.warmup;
    const lim = s.lim;
    for (const b of qn.backlogs) {
      if (counted) qn.arrivals++;
      if (lim.backlog >= lim.maxBacklog) {
        // Guard rail: the copy is lost.
        lim.capped++;
        if (++lim.refusedBacklog >= STOP_AFTER_REFUSALS * lim.maxBacklog) s.k.stopped = 'backlog';
        if (counted) qn.failed++;
        continue;
      }
      this.enqueue(b, new Message(b, now, counted, trace, parentSpan, key));
    }
  }

  private enqueue(b: Backlog, m: Message): void {
    const qn = b.node;
    this.s.collect.touch(qn);
    b.items.push(m);
    this.s.lim.backlog++;
    qn.backlogCount++;
    if (this.s.k.now >= this.s.warmup) {
      if (qn.backlogCount > qn.backlogMax) qn.backlogMax = qn.backlogCount;
      if (b.count > b.max) b.max = b.count;
    }
    this.dispatch(b);
  }

  private dispatch(b: Backlog): void {
    const cs = b.consumers;
    while (b.count > 0) {
      let found: Replica | null = null;
      let ci = -1;
      for (let k = 0; k < cs.length && found === null; k++) {
        const i = (b.rr + k) % cs.length;
        const c = cs[i]!;
        for (const r of c.replicas)
          if (r.serving && r.busy < c.conc) {
            found = r;
            ci = i;
            break;
          }
      }
      if (found === null) return;
      b.rr = (ci + 1) % cs.length;
      this.deliver(b, found, ci);
    }
  }

  /** A consumer replica's worker came free: it takes a message from the first of its backlogs that has one. */
  pull(rep: Replica): void {
    const n = rep.node;
    for (const b of n.subs) {
      if (b.count > 0) {
        this.deliver(b, rep, b.consumers.indexOf(n));
        return;
      }
    }
  }

  /** New capacity at a consumer: pull from its backlogs. */
  wake(n: NodeRt): void {
    for (const b of n.subs) this.dispatch(b);
  }

  private deliver(b: Backlog, rep: Replica, ci: number): void {
    const s = this.s;
    const qn = b.node;
    const now = s.k.now;
    s.collect.touch(qn);
    const m = b.items[b.head]!;
    b.items[b.head++] = undefined as unknown as Message;
    if (b.head > 1024 && b.head * 2 > b.items.length) {
      b.items = b.items.slice(b.head);
      b.head = 0;
    }
    qn.backlogCount--;
    s.lim.backlog--;
    m.deliveries++;
    const edge = b.edges[ci]!;
    if (m.counted) {
      edge.stats.attempts++;
      if (m.deliveries > 1) edge.stats.retries++;
    }
    const n = rep.node;
    const v = new Visit(n, null, 0, m, m.key, undefined, m.trace, now);
    s.lim.inFlight++;
    if (now >= s.warmup) n.arrivals++;
    if (v.trace) v.span = v.trace.start(m.parentSpan, n.id, now);
    v.rep = rep;
    s.nodes.startService(v);
  }

  /** The consumer's processing of a message ended: ack, redeliver, or dead-letter it. */
  done(m: Message, consumer: NodeRt, cause: number): void {
    const now = this.s.k.now;
    const b = m.backlog;
    const qn = b.node;
    const stats = b.edges[b.consumers.indexOf(consumer)]!.stats;
    if (cause === OK) {
      if (m.counted) {
        stats.ok++;
        qn.completed++;
        qn.lat.record(now - m.published);
      }
      return;
    }
    if (m.counted) stats.byCause[cause]!++;
    if (m.deliveries < qn.maxDeliveries) {
      this.enqueue(b, m);
      return;
    }
    if (m.counted) {
      stats.failed++;
      qn.failed++;
      qn.dlqCount++;
      qn.lat.record(now - m.published);
    }
    if (qn.dlq !== null) {
      // A publish to the DLQ: one try, ok at once, like any publish.
      if (now >= this.s.warmup) {
        qn.dlqStats!.attempts++;
        qn.dlqStats!.ok++;
      }
      this.publish(qn.dlq, m.trace, m.parentSpan, m.key);
    }
  }
}
