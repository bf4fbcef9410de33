// Replicas and balancing: a node's replicas grouped by version; the balancer picks a serving
// replica (round robin, random, least request as the best of two random draws, consistent hash
// on a ring, smooth weighted round robin over versions); a replica's serving state changes
// (kills, scaling, startup) with the node's replica counts.
import { hashString } from './rng.js';
import {
  LB_CONSISTENT_HASH,
  LB_LEAST_REQUEST,
  LB_RANDOM,
  LB_WEIGHTED_ROUND_ROBIN,
  Replica,
  type NodeRt,
  type VersionRt,
} from './runtime.js';
import type { Simulation } from './simulate.js';

export class Replicas {
  constructor(private readonly s: Simulation) {}

  add(n: NodeRt, ver: VersionRt): Replica {
    const r = new Replica(n, n.replicas.length, ver);
    n.replicas.push(r);
    ver.replicas.push(r);
    ver.ring = null;
    return r;
  }

  setServing(r: Replica, serving: boolean): void {
    if (r.serving === serving) return;
    const n = r.node;
    this.s.collect.touch(n);
    r.serving = serving;
    n.serving += serving ? 1 : -1;
    if (this.s.k.now >= this.s.warmup) {
      n.repMin = Math.min(n.repMin, n.serving);
      n.repMax = Math.max(n.repMax, n.serving);
    }
  }

  /** The balancer's choice of a serving replica for a request with this key; null: none. */
  pick(n: NodeRt, key: number): Replica | null {
    let ver = n.versions[0]!;
    if (n.versions.length > 1) ver = pickVersion(n, key);
    const reps = ver.replicas;
    const len = reps.length;
    if (len === 0) return null;
    switch (n.lb) {
      case LB_RANDOM:
      case LB_LEAST_REQUEST: {
        let live = reps;
        if (reps.some((r) => !r.serving)) live = reps.filter((r) => r.serving);
        const m = live.length;
        if (m === 0) return null;
        const a = live[Math.floor(n.rngLb.next() * m)]!;
        if (n.lb === LB_RANDOM) return a;
        const b = live[Math.floor(n.rngLb.next() * m)]!;
        return b.busy + b.waiting < a.busy + a.waiting ? b : a;
      }
      case LB_CONSISTENT_HASH:
        return ringPick(n, ver, key);
      default: {
        for (let k = 0; k < len; k++) {
          let i = ver.rr + k;
          if (i >= len) i -= len;
          const r = reps[i]!;
          if (r.serving) {
            ver.rr = i + 1 >= len ? 0 : i + 1;
            return r;
          }
        }
        return null;
      }
    }
  }
}

function pickVersion(n: NodeRt, key: number): VersionRt {
  const vs = n.versions;
  let total = 0;
  for (const v of vs) total += v.weight;
  if (!(total > 0)) return vs[0]!;
  if (n.lb === LB_CONSISTENT_HASH) {
    // The version by the key's hash too, so the same key keeps its replica across versions.
    let u = ((hashString(String(key), 0x6c8e9cf5) >>> 0) / 4294967296) * total;
    for (const v of vs) if ((u -= v.weight) < 0) return v;
    return vs[vs.length - 1]!;
  }
  if (n.lb === LB_WEIGHTED_ROUND_ROBIN) {
    // Smooth weighted round robin (nginx): deterministic interleaving by weight.
    let best = vs[0]!;
    for (const v of vs) {
      v.wrrCurrent += v.weight;
      if (v.wrrCurrent > best.wrrCurrent) best = v;
    }
    best.wrrCurrent -= total;
    return best;
  }
  let u = n.rngLb.next() * total;
  for (const v of vs) if ((u -= v.weight) < 0) return v;
  return vs[vs.length - 1]!;
}

function ringPick(n: NodeRt, ver: VersionRt, key: number): Replica | null {
  if (ver.ring === null) {
    const pts: [number, number][] = [];
    ver.replicas.forEach((r, i) => {
      for (let k = 0; k < 64; k++) pts.push([hashString(`${n.id}#${r.idx}#${k}`) >>> 0, i]);
    });
    pts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    ver.ring = Float64Array.from(pts, (p) => p[0]);
    ver.ringRep = Int32Array.from(pts, (p) => p[1]);
  }
  const ring = ver.ring;
  const h = hashString(String(key), 0x2545f491) >>> 0;
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ring[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  for (let k = 0; k < ring.length; k++) {
    const r = ver.replicas[ver.ringRep![(lo + k) % ring.length]!]!;
    if (r.serving) return r;
  }
  return null;
}
