// Istio -> facts on the workloads it addresses. VirtualService routes: timeout and retries per
// caller (a `sourceLabels` match) or for every caller, weighted subsets as version weights; a
// VirtualService bound to a Gateway marks an entry (and, when the Gateway is named after a
// workload, that workload's path routes). DestinationRule: loadBalancer -> balancer,
// outlierDetection -> a breaker approximation, connectionPool -> concurrency/queue/connections.
// The export's units are inverted here: Istio counts retries, the design counts tries.
import { goDuration } from './recognize.js';
import { isRecord, type Located } from './read.js';
import type { PolicyFact, Unmapped, Workload } from './types.js';

const DEFAULT_MULTIPLIER = 2;
const DEFAULT_MAX_BACKOFF = 30_000;

/** The design's worst-case time of a call with retries (istio.ts's totalBudget, inverted below). */
function budget(tries: number, timeout: number, backoff: number, multiplier: number): number {
  let total = tries * timeout;
  for (let i = 1; i < tries; i++) total += Math.min(backoff * multiplier ** (i - 1), DEFAULT_MAX_BACKOFF);
  return total;
}

/** The backoff multiplier that makes the route timeout cover every try and backoff, if one does. */
function multiplierFor(tries: number, timeout: number, backoff: number, total: number): number | undefined {
  if (tries < 3 || backoff <= 0) return undefined; // one backoff: the multiplier never shows
  if (Math.abs(budget(tries, timeout, backoff, DEFAULT_MULTIPLIER) - total) <= 1) return undefined;
  let lo = 1;
  let hi = 10;
  if (budget(tries, timeout, backoff, lo) > total + 1 || budget(tries, timeout, backoff, hi) < total - 1) return undefined;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (budget(tries, timeout, backoff, mid) < total) lo = mid;
    else hi = mid;
  }
  const m = Math.round(lo * 100) / 100;
  return Math.abs(budget(tries, timeout, backoff, m) - total) <= 2 ? m : undefined;
}

export function routePolicy(route: Record<string, unknown>): PolicyFact | undefined {
  const total = goDuration(route.timeout);
  const r = isRecord(route.retries) ? route.retries : undefined;
  const retries = r && typeof r.attempts === 'number' ? r.attempts : undefined;
  const perTry = r ? goDuration(r.perTryTimeout) : undefined;
  if (retries !== undefined && retries > 0) {
    const tries = retries + 1;
    const backoff = r ? goDuration(r.backoff) : undefined;
    const p: PolicyFact = { retry: { attempts: tries, ...(backoff !== undefined ? { backoff } : {}) } };
    if (perTry !== undefined) p.timeout = perTry;
    else if (total !== undefined) {
      p.timeout = Math.max(1, Math.round(total / tries));
      p.timeoutGuessed = true;
    }
    if (perTry !== undefined && total !== undefined && backoff !== undefined) {
      const m = multiplierFor(tries, perTry, backoff, total);
      if (m !== undefined) p.retry!.multiplier = m;
    }
    return p;
  }
  if (total !== undefined) return { timeout: total };
  return undefined;
}

export interface IstioContext {
  /** the workload a host (short name or FQDN) names */
  host: (h: string) => Workload | undefined;
  /** the workload a sourceLabels selector names */
  bySource: (labels: Record<string, string>) => Workload | undefined;
  byName: (name: string) => Workload | undefined;
  unmapped: Unmapped[];
}

function destinations(route: unknown): { host: string; subset?: string; weight?: number }[] {
  if (!Array.isArray(route)) return [];
  return route.filter(isRecord).flatMap((d) => {
    const dest = isRecord(d.destination) ? d.destination : undefined;
    if (!dest || typeof dest.host !== 'string') return [];
    return [
      {
        host: dest.host,
        ...(typeof dest.subset === 'string' ? { subset: dest.subset } : {}),
        ...(typeof d.weight === 'number' ? { weight: d.weight } : {}),
      },
    ];
  });
}

export function readIstio(objects: Located[], ctx: IstioContext): void {
  const gateways = new Set(
    objects.filter((o) => o.value.kind === 'Gateway').map((o) => String((o.value.metadata as { name?: string })?.name)),
  );
  const subsetVersion = new Map<string, Map<string, string>>(); // workload -> subset -> version label
  const weighted = new Set<Workload>(); // workloads a weighted route splits
  for (const o of objects) {
    if (o.value.kind !== 'DestinationRule') continue;
    const spec = isRecord(o.value.spec) ? o.value.spec : {};
    const w = typeof spec.host === 'string' ? ctx.host(spec.host) : undefined;
    const name = String((o.value.metadata as { name?: string })?.name);
    if (!w) {
      ctx.unmapped.push({
        origin: o.at(['spec', 'host']),
        message: `DestinationRule ${name}: host ${String(spec.host)} is not a workload read`,
      });
      continue;
    }
    const tp = isRecord(spec.trafficPolicy) ? spec.trafficPolicy : {};
    const lb = isRecord(tp.loadBalancer) ? tp.loadBalancer : undefined;
    if (lb) {
      if (typeof lb.simple === 'string') {
        const kind = { ROUND_ROBIN: 'round_robin', RANDOM: 'random', LEAST_REQUEST: 'least_request', LEAST_CONN: 'least_request' }[
          lb.simple
        ];
        if (kind) w.balancer = { kind };
        else w.notes.push(`loadBalancer ${lb.simple}: not mapped`);
      } else if (isRecord(lb.consistentHash)) {
        const ch = lb.consistentHash;
        w.balancer = { kind: 'consistent_hash', ...(typeof ch.httpHeaderName === 'string' ? { hashKey: ch.httpHeaderName } : {}) };
        if (typeof ch.httpHeaderName !== 'string')
          w.notes.push('consistentHash on something other than a header: the design hashes a request key');
      }
    }
    const od = isRecord(tp.outlierDetection) ? tp.outlierDetection : undefined;
    if (od) {
      const n =
        typeof od.consecutive5xxErrors === 'number'
          ? od.consecutive5xxErrors
          : typeof od.consecutiveErrors === 'number'
            ? od.consecutiveErrors
            : 5;
      const openFor = goDuration(od.baseEjectionTime);
      w.outlier = { consecutive: Math.max(1, n), ...(openFor !== undefined ? { openFor } : {}) };
    }
    const pool = isRecord(tp.connectionPool) ? tp.connectionPool : undefined;
    if (pool) {
      const http = isRecord(pool.http) ? pool.http : {};
      const tcp = isRecord(pool.tcp) ? pool.tcp : {};
      if (typeof http.http2MaxRequests === 'number') w.concurrency = http.http2MaxRequests;
      if (typeof http.http1MaxPendingRequests === 'number') w.queue = http.http1MaxPendingRequests;
      if (typeof tcp.maxConnections === 'number') w.connections = tcp.maxConnections;
    }
    if (Array.isArray(spec.subsets)) {
      const m = new Map<string, string>();
      for (const s of spec.subsets)
        if (isRecord(s) && typeof s.name === 'string') {
          const labels = isRecord(s.labels) ? s.labels : {};
          m.set(s.name, String(labels.version ?? labels['app.kubernetes.io/version'] ?? s.name));
        }
      subsetVersion.set(w.name, m);
    }
  }

  // AuthorizationPolicy ALLOW: the callers it admits; Istio's ingress gateway among them makes
  // the workload an entry.
  for (const o of objects) {
    if (o.value.kind !== 'AuthorizationPolicy') continue;
    const spec = isRecord(o.value.spec) ? o.value.spec : {};
    const name = String((o.value.metadata as { name?: string })?.name);
    const selector =
      isRecord(spec.selector) && isRecord(spec.selector.matchLabels) ? (spec.selector.matchLabels as Record<string, string>) : undefined;
    const w = selector ? ctx.bySource(selector) : undefined;
    if (!w || (spec.action !== undefined && spec.action !== 'ALLOW')) {
      ctx.unmapped.push({ origin: o.at([]), message: `AuthorizationPolicy ${name}: not mapped` });
      continue;
    }
    const rules = Array.isArray(spec.rules) ? spec.rules.filter(isRecord) : [];
    for (const r of rules) {
      if (Array.isArray(r.to) || Array.isArray(r.when))
        w.notes.push(`AuthorizationPolicy ${name}: operation and condition rules are not mapped`);
      const from = Array.isArray(r.from) ? r.from.filter(isRecord) : [];
      for (const f of from) {
        const source = isRecord(f.source) ? f.source : {};
        const principals = Array.isArray(source.principals) ? source.principals.map(String) : [];
        for (const p of principals) {
          const sa = /\/sa\/([^/]+)$/.exec(p)?.[1];
          if (!sa) continue;
          if (/istio-ingressgateway/.test(sa)) {
            const why = "Istio's ingress gateway (AuthorizationPolicy)";
            if (!w.entry.includes(why)) w.entry.push(why);
          } else if (!w.allowedAccounts.includes(sa)) w.allowedAccounts.push(sa);
        }
      }
    }
  }

  for (const o of objects) {
    if (o.value.kind !== 'VirtualService') continue;
    const spec = isRecord(o.value.spec) ? o.value.spec : {};
    const name = String((o.value.metadata as { name?: string })?.name);
    const bound = Array.isArray(spec.gateways) ? spec.gateways.map(String).filter((g) => g !== 'mesh') : [];
    const http = Array.isArray(spec.http) ? spec.http.filter(isRecord) : [];
    if (Array.isArray(spec.tcp) || Array.isArray(spec.tls))
      ctx.unmapped.push({ origin: o.at([]), message: `VirtualService ${name}: tcp/tls routes are not mapped` });
    if (bound.length) {
      // The way in from outside. A Gateway named after a workload is that workload's entry, and
      // the prefixes it routes are the workload's routes (the export's gateway node); otherwise
      // every destination is an entry.
      for (const g of bound) {
        if (!gateways.has(g) && !g.includes('/'))
          ctx.unmapped.push({
            origin: o.at(['spec', 'gateways']),
            message: `VirtualService ${name}: Gateway ${g} is not among the files read`,
          });
        const gw = ctx.byName(g.split('/').at(-1)!.toLowerCase());
        for (const h of http) {
          const prefix = Array.isArray(h.match)
            ? h.match.filter(isRecord).map((m) => (isRecord(m.uri) && typeof m.uri.prefix === 'string' ? m.uri.prefix : undefined))[0]
            : undefined;
          for (const d of destinations(h.route)) {
            const target = ctx.host(d.host);
            if (!target) {
              ctx.unmapped.push({
                origin: o.at(['spec', 'http']),
                message: `VirtualService ${name}: destination ${d.host} is not a workload read`,
              });
              continue;
            }
            if (gw && target !== gw) {
              if (prefix && !gw.routes.some((r) => r.path === prefix)) gw.routes.push({ path: prefix, to: target.name });
              const p = routePolicy(h);
              if (p && !target.policies.has(gw.name)) target.policies.set(gw.name, p);
            } else {
              const why = `Istio Gateway ${g}`;
              if (!target.entry.includes(why)) target.entry.push(why);
            }
          }
        }
        if (gw && !gw.entry.includes(`Istio Gateway ${g}`)) gw.entry.push(`Istio Gateway ${g}`);
      }
      continue;
    }
    for (const h of http) {
      const dests = destinations(h.route);
      const callee = dests.length ? ctx.host(dests[0]!.host) : undefined;
      if (!callee) {
        ctx.unmapped.push({
          origin: o.at(['spec', 'http']),
          message: `VirtualService ${name}: a route to a host that is not a workload read`,
        });
        continue;
      }
      const sources = Array.isArray(h.match)
        ? h.match.filter(isRecord).flatMap((m) => (isRecord(m.sourceLabels) ? [m.sourceLabels as Record<string, string>] : []))
        : [];
      const other = Array.isArray(h.match) && h.match.some((m) => isRecord(m) && Object.keys(m).some((k) => k !== 'sourceLabels'));
      if (other)
        callee.notes.push(
          `VirtualService ${name}: a route matching on more than its caller (headers, paths): its policy is kept for every caller`,
        );
      const p = routePolicy(h);
      if (p) {
        if (sources.length === 0 || other) {
          if (!callee.policies.has('*')) callee.policies.set('*', p);
        } else
          for (const s of sources) {
            const caller = ctx.bySource(s);
            if (caller && !callee.policies.has(caller.name)) callee.policies.set(caller.name, p);
          }
      }
      // Weighted subsets: the canary's split.
      const subsets = subsetVersion.get(callee.name);
      if (dests.length > 1 || dests.some((d) => d.subset)) {
        for (const d of dests) {
          if (!d.subset) continue;
          const key = subsets?.get(d.subset) ?? d.subset;
          let v = callee.versions.find((x) => x.key === key || x.key === d.subset);
          if (!v) {
            v = { key: d.subset, autoscaled: false };
            callee.versions.push(v);
          }
          if (v.weight === undefined) v.weight = d.weight ?? (dests.length === 1 ? 100 : 0);
          weighted.add(callee);
        }
      }
    }
  }
  // A version no weighted route names gets no traffic from Istio (it routes to named subsets only).
  for (const w of weighted)
    for (const v of w.versions)
      if (v.weight === undefined) {
        v.weight = 0;
        w.notes.push(`version ${v.key}: no route sends to it (weight 0)`);
      }
}
