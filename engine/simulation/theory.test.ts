// The simulator against queueing theory. Tolerances come from the measured spread over seeds
// (see docs/simulation.md): runs are sized to ~100-200 k customers.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { designOf } from './testing.js';

const close = (actual: number, expected: number, rel: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(rel);

function single(rate: number, service: object, seconds: number, seed = 1) {
  return simulate(
    designOf({
      name: 't',
      nodes: { c: { kind: 'client', rate, requests: [{ to: 's' }] }, s: { kind: 'service', queue: 100000, ...service } },
    }),
    { seed, duration: seconds * 1000 },
  );
}

function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - a / c);
  return last / (sum + last);
}

describe('queueing theory', () => {
  it('M/M/1 at rho 0.8: W = 1/(mu - lambda), Lq = rho^2/(1 - rho), utilization rho', () => {
    const r = single(80, { concurrency: 1, latency: { dist: 'exponential', mean: 10 } }, 2500);
    close(r.latency.mean, 50, 0.08);
    close(r.nodes.s!.utilization, 0.8, 0.03);
    close(r.nodes.s!.meanQueue, 3.2, 0.12);
    expect(r.requests.failed).toBe(0);
  });

  it('M/M/c (Erlang C): c = 4, a = 3', () => {
    const r = single(300, { concurrency: 4, latency: { dist: 'exponential', mean: 10 } }, 700);
    const wq = erlangC(4, 3) / (400 - 300); // seconds
    close(r.latency.mean, wq * 1000 + 10, 0.06);
    close(r.nodes.s!.utilization, 0.75, 0.03);
  });

  it('M/G/1 (Pollaczek-Khinchine): a sync call holds the worker; the distribution shapes the wait', () => {
    const run = (latency: unknown) =>
      simulate(
        designOf({
          name: 't',
          nodes: {
            c: { kind: 'client', rate: 70, requests: [{ to: 's' }] },
            s: { kind: 'service', concurrency: 1, queue: 100000, latency: 0, calls: [{ to: 'db' }] },
            db: { kind: 'database', connections: 1000, latency },
          },
        }),
        { duration: 1500_000 },
      );
    // Wq = lambda E[S^2] / (2 (1 - rho)), lambda = 0.07 /ms, E[S] = 10 ms, rho = 0.7.
    const pk = (es2: number) => (0.07 * es2) / (2 * 0.3) + 10;
    const det = run(10);
    const exp = run({ dist: 'exponential', mean: 10 });
    const uni = run({ dist: 'uniform', min: 0, max: 20 });
    close(det.nodes.s!.latency.mean, pk(100), 0.06);
    close(exp.nodes.s!.latency.mean, pk(200), 0.08);
    close(uni.nodes.s!.latency.mean, pk(400 / 3), 0.07);
    expect(det.nodes.s!.latency.mean).toBeLessThan(uni.nodes.s!.latency.mean);
    expect(uni.nodes.s!.latency.mean).toBeLessThan(exp.nodes.s!.latency.mean);
  });

  it("Burke's theorem: an M/M/1 stage's departures feed an async consumer as Poisson", () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 60, requests: [{ to: 'a' }] },
          a: { kind: 'service', concurrency: 1, queue: 100000, latency: { dist: 'exponential', mean: 10 }, calls: [{ to: 'q' }] },
          q: { kind: 'queue', consumers: ['b'] },
          b: { kind: 'service', concurrency: 1, latency: { dist: 'exponential', mean: 12.5 } },
        },
      }),
      { duration: 2500_000 },
    );
    // The backlog is the consumer's M/M/1 waiting line: Lq = rho^2 / (1 - rho) with rho = 0.75.
    close(r.nodes.q!.meanQueue, 2.25, 0.12);
    close(r.nodes.b!.utilization, 0.75, 0.03);
    // Message latency (publish to ack) = M/M/1 sojourn 1 / (mu - lambda) = 50 ms.
    close(r.nodes.q!.latency.mean, 50, 0.1);
  });

  it('random splitting over replicas: each replica is an M/M/1 with lambda / n', () => {
    const r = single(240, { replicas: 3, concurrency: 1, balancer: 'random', latency: { dist: 'exponential', mean: 10 } }, 800);
    close(r.latency.mean, 50, 0.08);
    // Round robin smooths arrivals (Erlang-3 gaps): the same load waits less.
    const rr = single(240, { replicas: 3, concurrency: 1, balancer: 'round_robin', latency: { dist: 'exponential', mean: 10 } }, 800);
    expect(rr.latency.mean).toBeLessThan(r.latency.mean * 0.8);
  });
});
