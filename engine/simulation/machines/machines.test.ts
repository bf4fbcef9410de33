// Differential tests: each chart run as an XState actor (the reference) and by its compiled
// stepper on the same random event streams, with several calls in flight; the breaker also
// against a hand-written resilience4j-style reference.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startActor } from './compile.js';
import { BreakerInstance, breakerMachine, breakerStore, type BreakerEvent, type BreakerStore } from './breaker.js';
import { LimiterInstance, limiterMachine, limiterStore } from './rateLimiter.js';
import { ScalerInstance, recommend, scalerMachine, scalerStore } from './autoscaler.js';
import { compiledSaga, sagaMachine, sagaStore, SAGA_EVENTS, type SagaEvent, type SagaIo } from './saga.js';

const cfg = { failureRate: 0.5, window: 5, minCalls: 3, openFor: 100, halfOpenCalls: 3, slowCall: 50, slowRate: 0.6 };

/** A plain reference breaker written from the resilience4j documentation. */
class RefBreaker {
  state: 'closed' | 'open' | 'half_open' = 'closed';
  win: number[] = [];
  openedAt = 0;
  trials = 0;
  results: number[] = [];
  epoch = 0;
  log: string[] = [];
  go(to: RefBreaker['state'], now: number) {
    this.log.push(`${now}:${this.state}->${to}`);
    this.state = to;
    this.epoch++;
  }
  trips(list: number[]) {
    const n = list.length;
    const f = list.filter((b) => b & 1).length / n;
    const s = list.filter((b) => b & 2).length / n;
    return f >= cfg.failureRate || s >= cfg.slowRate;
  }
  acquire(now: number): number {
    if (this.state === 'open') {
      if (now > this.openedAt + cfg.openFor) {
        this.go('half_open', now);
        this.trials = 1;
        this.results = [];
        return this.epoch;
      }
      return -1;
    }
    if (this.state === 'half_open') {
      if (this.trials < cfg.halfOpenCalls) {
        this.trials++;
        return this.epoch;
      }
      return -1;
    }
    return this.epoch;
  }
  record(now: number, epoch: number, failed: boolean, slow: boolean) {
    if (epoch !== this.epoch) return;
    const b = (failed ? 1 : 0) | (slow ? 2 : 0);
    if (this.state === 'closed') {
      this.win.push(b);
      if (this.win.length > cfg.window) this.win.shift();
      if (this.win.length >= Math.min(cfg.minCalls, cfg.window) && this.trips(this.win)) {
        this.openedAt = now;
        this.go('open', now);
      }
    } else if (this.state === 'half_open') {
      this.results.push(b);
      if (this.results.length === cfg.halfOpenCalls) {
        if (this.trips(this.results)) {
          this.openedAt = now;
          this.go('open', now);
        } else {
          this.win = [];
          this.go('closed', now);
        }
      }
    }
  }
}

const ops = fc.array(
  fc.record({
    dt: fc.integer({ min: 0, max: 60 }),
    acquire: fc.boolean(),
    pick: fc.nat(),
    failed: fc.boolean(),
    dur: fc.integer({ min: 0, max: 100 }),
  }),
  { minLength: 1, maxLength: 300 },
);

describe('breaker: actor, compiled and reference agree', () => {
  it('on random interleavings of acquisitions and records (calls in flight)', () => {
    fc.assert(
      fc.property(ops, (steps) => {
        const logA: string[] = [];
        const logC: string[] = [];
        const sa: BreakerStore = breakerStore(cfg, (at, f, t) => logA.push(`${at}:${f}->${t}`));
        const actor = startActor(breakerMachine, sa);
        const compiled = new BreakerInstance(breakerStore(cfg, (at, f, t) => logC.push(`${at}:${f}->${t}`)));
        const ref = new RefBreaker();
        const inflight: { a: number; c: number; r: number }[] = [];
        let now = 0;
        let trialsInHalfOpen = 0;
        for (const s of steps) {
          now += s.dt;
          if (s.acquire || inflight.length === 0) {
            actor.send({ type: 'ACQUIRE', now } as BreakerEvent);
            const a = sa.permitted ? sa.epoch : -1;
            const c = compiled.acquire(now);
            const r = ref.acquire(now);
            expect([a, c]).toEqual([r, r]);
            if (r >= 0) inflight.push({ a, c, r });
            if (ref.state === 'half_open' && r >= 0) trialsInHalfOpen++;
            if (ref.state !== 'half_open') trialsInHalfOpen = 0;
            expect(trialsInHalfOpen).toBeLessThanOrEqual(cfg.halfOpenCalls);
          } else {
            const [call] = inflight.splice(s.pick % inflight.length, 1);
            const slow = s.dur > cfg.slowCall;
            actor.send({ type: 'RECORD', now, failed: s.failed, slow, epoch: call!.a } as BreakerEvent);
            compiled.record(now, call!.c, s.failed, slow);
            ref.record(now, call!.r, s.failed, slow);
          }
          expect(actor.state()).toBe(ref.state);
          expect(compiled.store.current).toBe(ref.state);
        }
        expect(logA).toEqual(ref.log);
        expect(logC).toEqual(ref.log);
        actor.stop();
      }),
      { numRuns: 300 },
    );
  });

  it('half-open admits exactly halfOpenCalls trials, not one more', () => {
    const b = new BreakerInstance(breakerStore({ ...cfg, minCalls: 1, window: 1 }));
    b.record(0, b.acquire(0), true, false);
    expect(b.store.current).toBe('open');
    const admitted = [200, 201, 202, 203, 204].map((t) => b.acquire(t) >= 0);
    expect(admitted).toEqual([true, true, true, false, false]);
  });
});

describe('rate limiter, autoscaler and saga: actor and compiled agree', () => {
  it('token bucket', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 200 }), (gaps) => {
        const sa = limiterStore(20);
        const actor = startActor(limiterMachine, sa);
        const c = new LimiterInstance(limiterStore(20));
        let now = 0;
        for (const g of gaps) {
          now += g;
          actor.send({ type: 'TAKE', now } as never);
          expect(c.take(now)).toBe(sa.allowed);
          expect(actor.state()).toBe(c.state === 0 ? 'available' : 'exhausted');
        }
        actor.stop();
      }),
      { numRuns: 100 },
    );
  });

  it('HPA recommendations, including the floating-point tolerance edge', () => {
    const hpa = { min: 1, max: 20, cpu: 1, startup: 0, downDelay: 300_000 };
    expect(recommend(hpa, 4, 4, 1.1)).toBe(5); // |1 - 1.1| is 0.10000000000000009 > 0.1
    expect(recommend(hpa, 4, 4, 1.05)).toBe(4);
    expect(recommend({ ...hpa, cpu: 0.5 }, 2, 2, 1)).toBe(4);
    expect(recommend({ ...hpa, max: 100 }, 1, 1, 100)).toBe(5); // at most max(2x, +4) per period
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), (utils) => {
        const outA: number[] = [];
        const outC: number[] = [];
        const actor = startActor(
          scalerMachine,
          scalerStore({ ...hpa, cpu: 0.6, max: 8, downDelay: 60_000 }, (n) => outA.push(n)),
        );
        const c = new ScalerInstance(scalerStore({ ...hpa, cpu: 0.6, max: 8, downDelay: 60_000 }, (n) => outC.push(n)));
        let cur = 2;
        utils.forEach((u, i) => {
          const now = (i + 1) * 15_000;
          actor.send({ type: 'TICK', now, utilization: u, ready: cur, current: cur } as never);
          c.tick(now, u, cur, cur);
          if (outC.length) cur = outC[outC.length - 1]!;
        });
        expect(outA).toEqual(outC);
        actor.stop();
      }),
      { numRuns: 100 },
    );
  });

  it('saga orchestration on random step outcomes', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { maxLength: 10 }), (comp, outcomes) => {
        const run = (mode: 'actor' | 'compiled') => {
          const log: string[] = [];
          const pending: { kind: 'step' | 'comp' }[] = [];
          const io: SagaIo = {
            callStep: (_s, i) => (log.push(`step${i}`), pending.push({ kind: 'step' })),
            compensate: (_s, j) => (log.push(`comp${j}`), pending.push({ kind: 'comp' })),
            finish: (_s, o) => log.push(o),
          };
          const store = sagaStore(comp, io);
          const actor = mode === 'actor' ? startActor(sagaMachine, store) : null;
          let state = compiledSaga.initial;
          const send = (type: SagaEvent['type']) => {
            if (actor) actor.send({ type });
            else state = compiledSaga.send(state, store, SAGA_EVENTS[type as keyof typeof SAGA_EVENTS], { type });
          };
          send('START');
          let k = 0;
          while (pending.length) {
            const p = pending.shift()!;
            const ok = outcomes[k++ % Math.max(1, outcomes.length)] ?? true;
            send(p.kind === 'step' ? (ok ? 'STEP_OK' : 'STEP_FAILED') : ok ? 'COMP_OK' : 'COMP_FAILED');
          }
          actor?.stop();
          return log;
        };
        const a = run('actor');
        expect(run('compiled')).toEqual(a);
        // Compensations run in reverse order over completed compensable steps.
        const comps = a.filter((x) => x.startsWith('comp')).map((x) => Number(x.slice(4)));
        expect(comps).toEqual([...comps].sort((x, y) => y - x));
        expect(['completed', 'compensated', 'failed']).toContain(a[a.length - 1]);
      }),
      { numRuns: 200 },
    );
  });
});
