// Autoscaling (the Kubernetes HPA, as the autoscaler chart): every 15 s the utilization of the
// last period goes to the node's chart, which decides the desired replica count; new replicas
// serve after `startup`, removed ones drain what they hold.
import { E_READY, E_TICK } from './events.js';
import type { NodeRt, Replica } from './runtime.js';
import { r3 } from './stats.js';
import type { Simulation } from './simulate.js';

export const HPA_PERIOD = 15_000;
const MAX_SCALE_EVENTS = 10_000;

export class Scaling {
  constructor(private readonly s: Simulation) {
    s.k.on(E_TICK, (n) => this.onTick(n as NodeRt));
    s.k.on(E_READY, (r, gen) => this.onReady(r as Replica, gen));
  }

  start(): void {
    for (const n of this.s.nodeRt.values()) if (n.scaler) this.s.k.at(HPA_PERIOD, E_TICK, n, 0);
  }

  private onTick(n: NodeRt): void {
    const s = this.s;
    s.collect.touch(n);
    const util = n.tCap > 0 ? n.tBusy / n.tCap : 0;
    n.tBusy = 0;
    n.tCap = 0;
    const ver = n.primary!;
    let current = 0;
    let ready = 0;
    for (const r of ver.replicas)
      if (r.up) {
        current++;
        if (r.serving) ready++;
      }
    n.scaler!.tick(s.k.now, util, ready, current);
    s.k.at(s.k.now + HPA_PERIOD, E_TICK, n, 0);
  }

  /** The chart's command: have `want` replicas of the node's primary version. */
  scaleTo(n: NodeRt, want: number, now: number): void {
    const s = this.s;
    const ver = n.primary!;
    const up = ver.replicas.filter((r) => r.up);
    if (want !== up.length && now >= s.warmup && n.scale !== null && n.scale.length < MAX_SCALE_EVENTS)
      n.scale.push({ at: r3(now), from: up.length, to: want });
    if (want > up.length) {
      let add = want - up.length;
      for (const r of ver.replicas) {
        if (add === 0) break;
        if (!r.up && !r.killed) {
          r.up = true;
          r.gen++;
          s.k.at(now + n.startup, E_READY, r, r.gen);
          add--;
        }
      }
      while (add-- > 0) {
        const r = s.replicas.add(n, ver);
        r.serving = false;
        s.k.at(now + n.startup, E_READY, r, r.gen);
      }
    } else if (want < up.length) {
      // Starting replicas go first, then the newest; they finish what they hold (drain).
      const order = up.filter((r) => !r.serving).concat(up.filter((r) => r.serving).reverse());
      for (let i = 0; i < up.length - want; i++) {
        const r = order[i]!;
        r.up = false;
        r.gen++;
        s.replicas.setServing(r, false);
      }
    }
  }

  private onReady(r: Replica, gen: number): void {
    if (gen !== r.gen || !r.up) return;
    const s = this.s;
    s.replicas.setServing(r, true);
    s.messaging.wake(r.node);
    let starting = 0;
    for (const x of r.ver.replicas) if (x.up && !x.serving) starting++;
    r.node.scaler?.ready(s.k.now, starting);
  }
}
