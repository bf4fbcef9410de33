// Clients (the arrival side): each client emits requests at its rate (Poisson or uniform gaps),
// picks a `requests` entry by weight and a key, and starts the entry's call; when the call ends
// the client records the end-to-end outcome and latency.
import { E_ARRIVAL } from './events.js';
import { CallRun, ClientReq, OK, OWN_CLIENT, type ClientRt } from './runtime.js';
import type { Simulation } from './simulate.js';

export class Clients {
  constructor(private readonly s: Simulation) {
    s.k.on(E_ARRIVAL, (c, gen) => this.onArrival(c as ClientRt, gen));
  }

  start(): void {
    for (const c of this.s.clientRt.values()) this.scheduleArrival(c);
  }

  /** A closed loop's size now: its users times any traffic multiplier, to the nearest user. */
  private target(c: ClientRt): number {
    return Math.round(c.users * c.mul);
  }

  /** One user of a closed loop thinks, then sends (gen -1: never superseded by a fault). */
  private think(c: ClientRt): void {
    this.s.k.at(this.s.k.now + c.think!(c.rngArr), E_ARRIVAL, c, -1);
  }

  /** Open loop: the next arrival. Closed loop: users join until the loop has its size (users
   * beyond it leave as their requests end). Called at the start and when a traffic fault turns. */
  scheduleArrival(c: ClientRt): void {
    if (c.think !== null) {
      if (c.entries.length === 0) return;
      for (const want = this.target(c); c.active < want; c.active++) this.think(c);
      return;
    }
    const rate = c.rate * c.mul;
    if (!(rate > 0) || c.entries.length === 0) return;
    const gap = c.poisson ? (-Math.log(1 - c.rngArr.next()) * 1000) / rate : 1000 / rate;
    this.s.k.at(this.s.k.now + gap, E_ARRIVAL, c, c.gen);
  }

  private onArrival(c: ClientRt, gen: number): void {
    if (gen === -1) {
      // A closed-loop user's request; its next one follows its answer (done).
    } else {
      if (gen !== c.gen) return;
      this.scheduleArrival(c);
    }
    const s = this.s;
    const now = s.k.now;
    let entry = c.entries[0]!;
    if (c.entries.length > 1) {
      let u = c.rngMix.next() * c.totalWeight;
      for (const e of c.entries) {
        entry = e;
        if ((u -= e.weight) < 0) break;
      }
    }
    const key = Math.floor(c.rngMix.next() * c.keys);
    const counted = now >= s.warmup;
    if (counted) c.arrivals++;
    const trace = s.collect.requestStarted(now, counted);
    const req = new ClientReq(c, entry, now, counted, trace);
    if (trace) req.span = trace.start(-1, c.id, now);
    const call = new CallRun(entry.edge, OWN_CLIENT, req, 0, counted, key, entry.route, trace, req.span);
    s.calls.startTry(call);
  }

  /** The request's call ended with an outcome (OK or a cause). */
  done(req: ClientReq, cause: number): void {
    const now = this.s.k.now;
    const ms = now - req.start;
    if (req.trace) req.trace.end(req.span, now, cause);
    this.s.collect.requestDone(now, ms, cause, req.counted);
    const c = req.client;
    if (c.think !== null) {
      if (c.active > this.target(c)) c.active--;
      else this.think(c);
    }
    if (!req.counted) return;
    const e = req.entry;
    e.total++;
    if (cause === OK) {
      c.ok++;
      e.ok++;
    } else {
      c.failed++;
      e.failed++;
    }
    // The same records go to the client, its entry and all clients: shared histograms once.
    if (c.lat !== this.s.collect.lat) c.lat.record(ms);
    if (e.lat !== c.lat) e.lat.record(ms);
  }
}
