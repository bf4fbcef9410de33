// gateway-without-routes: the finding says at the gateway what the simulator does with it (every
// request 404, none of its calls made), and stays quiet for a gateway with routes.
import { describe, expect, it } from 'vitest';
import { review } from '../review.js';
import { design } from '../testing.js';
import { simulate } from '../../simulation/simulate.js';

const BFF = `
name: bff
nodes:
  web: { kind: client, rate: 50, requests: [ { to: bff } ] }
  bff: { kind: gateway, latency: 2ms, calls: [ { to: a, timeout: 1s }, { to: b, timeout: 1s } ] }
  a: { kind: service, latency: 5ms }
  b: { kind: service, latency: 5ms }
  routed: { kind: gateway, routes: [ { path: /, to: a } ] }
  unused: { kind: gateway }
`;

describe('gateway-without-routes', () => {
  it('fires at a gateway with no routes, naming its callers and calls', () => {
    const d = design(BFF);
    const fs = review(d).filter((f) => f.rule === 'gateway-without-routes');
    expect(fs.map((f) => f.nodes)).toEqual([['bff'], ['unused']]);
    expect(fs[0]!.severity).toBe('info');
    expect(fs[1]!.message).toContain('every request to it is answered 404');
    expect(fs[0]!.message).toBe(
      'Gateway "bff" has no routes: a gateway forwards a request only along a matching route, so every request from "web" is answered 404 (notFound) and none of its calls (to "a", "b") is made.',
    );
    expect(fs[0]!.fix).toContain('routes: [{ path: /, to: a }]');
    // What the simulator does with it, as the finding says.
    const r = simulate(d, { duration: 2000 });
    expect(r.requests.failed).toBe(r.requests.total);
    expect(r.requests.byCause.notFound).toBe(r.requests.total);
    expect(r.nodes.a!.arrivals + r.nodes.b!.arrivals).toBe(0);
  });
});
