// Checks that need the whole design: every id a field names exists and is of a kind that
// field accepts. Works on the raw (pre-schema) document so these problems are reported
// together with type errors, not after they are fixed.
import { FORBIDDEN_SEGMENTS } from './keys.js';
import { formatPath, type Path } from './locate.js';
import type { ProblemCode } from './problems.js';
import { didYouMean } from './suggest.js';

export interface RawProblem {
  path: Path;
  at: 'key' | 'value';
  code: ProblemCode;
  message: string;
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const SERVICE_LIKE = new Set(['service', 'gateway', 'saga']);
const KNOWN_KINDS = new Set(['client', 'gateway', 'service', 'saga', 'database', 'cache', 'queue', 'topic']);

export function checkReferences(raw: Raw): RawProblem[] {
  const out: RawProblem[] = [];
  const kinds = new Map<string, string>();
  const nodes: [string, Raw, Path][] = [];
  if (isObj(raw.nodes)) for (const [id, n] of Object.entries(raw.nodes)) if (isObj(n)) nodes.push([id, n, ['nodes', id]]);
  if (isObj(raw.sagas))
    for (const [id, n] of Object.entries(raw.sagas)) {
      if (!isObj(n)) continue;
      if (isObj(raw.nodes) && Object.hasOwn(raw.nodes, id)) {
        out.push({ path: ['sagas', id], at: 'key', code: 'duplicate', message: `sagas.${id}: duplicate id "${id}" (already a node)` });
        continue;
      }
      nodes.push([id, { ...n, kind: n.kind ?? 'saga' }, ['sagas', id]]);
    }
  for (const [id, n] of nodes) kinds.set(id, typeof n.kind === 'string' ? n.kind : '?');
  const ids = [...kinds.keys()];

  /** Reports an unknown id or a wrong kind; returns the target's kind when it exists. */
  const ref = (path: Path, to: unknown, what: string, allowed?: Set<string>, allowedText?: string): string | undefined => {
    if (typeof to !== 'string') return undefined; // the schema reports the type
    const kind = kinds.get(to);
    if (kind === undefined) {
      out.push({
        path,
        at: 'value',
        code: 'reference',
        message: `${fmt(path)}: ${what} "${to}" is not a node of this design${didYouMean(to, ids)}`,
      });
      return undefined;
    }
    if (allowed && !allowed.has(kind) && KNOWN_KINDS.has(kind)) {
      out.push({ path, at: 'value', code: 'reference', message: `${fmt(path)}: ${what} "${to}" is a ${kind}; expected ${allowedText}` });
    }
    return kind;
  };
  const notClient = new Set(['gateway', 'service', 'saga', 'database', 'cache', 'queue', 'topic']);
  const rawById = new Map(nodes.map(([id, n]) => [id, n]));

  /** An `op` (or an operation-naming `compensate`) must be one of the callee's operations. */
  const opRef = (path: Path, to: unknown, op: unknown, what = 'op') => {
    if (typeof to !== 'string' || typeof op !== 'string') return;
    const target = rawById.get(to);
    if (!target) return; // the unknown id is reported on `to`
    const ops = isObj(target.operations) ? Object.keys(target.operations) : [];
    if (ops.length === 0)
      out.push({
        path,
        at: 'value',
        code: 'reference',
        message: `${fmt(path)}: ${what} "${op}" names an operation, and "${to}" has no operations (add it to nodes.${to}.operations, or remove ${what})`,
      });
    else if (!ops.includes(op))
      out.push({
        path,
        at: 'value',
        code: 'reference',
        message: `${fmt(path)}: "${to}" has no operation "${op}"${didYouMean(op, ops)}; its operations are ${ops.map((o) => `"${o}"`).join(', ')}`,
      });
  };

  /** A list of calls (a node's or an operation's): targets, ops, and stages. */
  const callList = (owner: Raw, base: Path, where: string) => {
    const calls = arr(owner.calls);
    calls.forEach((c, i) => {
      if (!isObj(c)) return;
      ref([...base, 'calls', i, 'to'], c.to, 'call target', notClient, 'a node other than a client (clients only send requests)');
      if (c.op !== undefined) opRef([...base, 'calls', i, 'op'], c.to, c.op);
    });
    const staged = calls.map((c, i) => [c, i] as const).filter(([c]) => isObj(c) && c.stage !== undefined);
    if (staged.length === 0) return;
    if (owner.parallel !== undefined)
      out.push({
        path: [...base, 'parallel'],
        at: 'key',
        code: 'reference',
        message: `${fmt([...base, 'parallel'])}: ${where} has calls with a stage, so parallel may not be set there (stages say what runs at once)`,
      });
    calls.forEach((c, i) => {
      if (isObj(c) && c.stage === undefined)
        out.push({
          path: [...base, 'calls', i],
          at: 'value',
          code: 'required',
          message: `${fmt([...base, 'calls', i])}: missing "stage": when any call of ${where} has a stage, every call there must have one (call ${staged[0]![1]} has stage ${String((staged[0]![0] as Raw).stage)})`,
        });
    });
  };

  /** Weights that add up to 0 leave nothing to pick. */
  const weights = (path: Path, list: unknown[], what: string) => {
    const ws = list.map((v) => (isObj(v) && typeof v.weight === 'number' ? v.weight : isObj(v) && v.weight === undefined ? 1 : 0));
    if (ws.length > 0 && ws.reduce((a, b) => a + b, 0) <= 0)
      out.push({
        path,
        at: 'key',
        code: 'range',
        message: `${fmt(path)}: the ${what}' weights add up to 0; give at least one a positive weight`,
      });
  };

  for (const [id, n, base] of nodes) {
    callList(n, base, `"${id}"`);
    if (isObj(n.operations)) {
      for (const [name, op] of Object.entries(n.operations))
        if (isObj(op)) callList(op, [...base, 'operations', name], `operation "${name}"`);
      weights([...base, 'operations'], Object.values(n.operations), 'operations');
    }
    if (n.kind === 'client') {
      if (n.rate !== undefined && n.users !== undefined)
        out.push({
          path: [...base, 'users'],
          at: 'key',
          code: 'reference',
          message: `${fmt(base)}: a client has either "rate" (requests per second, open loop) or "users" (a closed loop), not both`,
        });
    }
    if (n.kind === 'client')
      arr(n.requests).forEach((r, i) => {
        if (!isObj(r)) return;
        const kind = ref([...base, 'requests', i, 'to'], r.to, 'request target', notClient, 'a node other than a client');
        if (r.op !== undefined) opRef([...base, 'requests', i, 'op'], r.to, r.op);
        if (r.route !== undefined && kind !== undefined && kind !== 'gateway')
          out.push({
            path: [...base, 'requests', i, 'route'],
            at: 'key',
            code: 'reference',
            message: `${fmt([...base, 'requests', i, 'route'])}: a route only applies to a gateway, and "${String(r.to)}" is a ${kind}`,
          });
      });
    if (n.kind === 'gateway')
      arr(n.routes).forEach((r, i) => {
        if (!isObj(r)) return;
        ref([...base, 'routes', i, 'to'], r.to, 'route target', notClient, 'a node other than a client');
        if (r.op !== undefined) opRef([...base, 'routes', i, 'op'], r.to, r.op);
      });
    if (n.kind === 'saga') {
      const names = new Map<string, number>();
      arr(n.steps).forEach((s, i) => {
        if (!isObj(s)) return;
        ref([...base, 'steps', i, 'to'], s.to, 'saga step target', notClient, 'a node other than a client');
        if (s.op !== undefined) opRef([...base, 'steps', i, 'op'], s.to, s.op);
        // A compensation names an operation when the step's node has operations; else it is a label.
        const target = typeof s.to === 'string' ? rawById.get(s.to) : undefined;
        if (s.compensate !== undefined && target && isObj(target.operations) && Object.keys(target.operations).length > 0)
          opRef([...base, 'steps', i, 'compensate'], s.to, s.compensate, 'compensate');
        if (typeof s.name === 'string') {
          if (names.has(s.name))
            out.push({
              path: [...base, 'steps', i, 'name'],
              at: 'value',
              code: 'duplicate',
              message: `${fmt([...base, 'steps', i, 'name'])}: duplicate step name "${s.name}" (also step ${names.get(s.name)})`,
            });
          else names.set(s.name, i);
        }
      });
    }
    if (n.kind === 'cache' && n.miss !== undefined)
      ref([...base, 'miss'], n.miss, 'cache miss target', new Set(['database', 'service', 'gateway', 'saga']), 'a database or a service');
    if (n.kind === 'queue' || n.kind === 'topic') {
      if (n.dlq !== undefined) {
        ref([...base, 'dlq'], n.dlq, 'dead-letter target', new Set(['queue', 'topic']), 'a queue or a topic');
        if (n.dlq === id)
          out.push({
            path: [...base, 'dlq'],
            at: 'value',
            code: 'reference',
            message: `${fmt([...base, 'dlq'])}: a ${n.kind} cannot be its own dead-letter queue`,
          });
      }
      const seen = new Set<unknown>();
      arr(n.consumers).forEach((c, i) => {
        ref([...base, 'consumers', i], c, 'consumer', SERVICE_LIKE, 'a service, gateway or saga');
        if (seen.has(c))
          out.push({
            path: [...base, 'consumers', i],
            at: 'value',
            code: 'duplicate',
            message: `${fmt([...base, 'consumers', i])}: "${String(c)}" is already a consumer of "${id}"`,
          });
        seen.add(c);
      });
    }
    if (
      isObj(n.autoscale) &&
      typeof n.autoscale.min === 'number' &&
      typeof n.autoscale.max === 'number' &&
      n.autoscale.min > n.autoscale.max
    )
      out.push({
        path: [...base, 'autoscale', 'min'],
        at: 'value',
        code: 'range',
        message: `${fmt([...base, 'autoscale'])}: min (${n.autoscale.min}) is greater than max (${n.autoscale.max})`,
      });
    if (isObj(n.versions)) {
      const ws = Object.values(n.versions).map((v) => (isObj(v) && typeof v.weight === 'number' ? v.weight : 0));
      if (ws.length > 0 && ws.reduce((a, b) => a + b, 0) <= 0)
        out.push({
          path: [...base, 'versions'],
          at: 'key',
          code: 'range',
          message: `${fmt([...base, 'versions'])}: the versions' weights add up to 0; give at least one a positive weight`,
        });
    }
  }

  const edges = edgeSet(nodes);
  if (isObj(raw.scenarios))
    for (const [sid, sc] of Object.entries(raw.scenarios)) {
      if (!isObj(sc)) continue;
      const sbase: Path = ['scenarios', sid];
      if (isObj(sc.traffic))
        for (const cid of Object.keys(sc.traffic)) {
          const kind = kinds.get(cid);
          const p: Path = [...sbase, 'traffic', cid];
          if (kind === undefined)
            out.push({
              path: p,
              at: 'key',
              code: 'reference',
              message: `${fmt(p)}: "${cid}" is not a node of this design${didYouMean(cid, ids)}`,
            });
          else if (kind !== 'client')
            out.push({
              path: p,
              at: 'key',
              code: 'reference',
              message: `${fmt(p)}: traffic multiplies a client's rate, and "${cid}" is a ${kind}`,
            });
        }
      arr(sc.faults).forEach((f, i) => {
        if (!isObj(f)) return;
        const p: Path = [...sbase, 'faults', i];
        if ((f.node === undefined) === (f.call === undefined)) {
          out.push({ path: p, at: 'value', code: 'required', message: `${fmt(p)}: a fault names exactly one of "node" or "call"` });
          return;
        }
        if (f.node !== undefined) {
          const kind = ref([...p, 'node'], f.node, 'fault node');
          if (kind === 'client' && (f.errorRate !== undefined || f.latency !== undefined || f.kill !== undefined))
            out.push({ path: [...p, 'node'], at: 'value', code: 'reference', message: `${fmt(p)}: a client takes only a "traffic" fault` });
          if (kind !== undefined && kind !== 'client' && f.traffic !== undefined)
            out.push({
              path: [...p, 'traffic'],
              at: 'key',
              code: 'reference',
              message: `${fmt([...p, 'traffic'])}: a traffic fault applies to a client, and "${String(f.node)}" is a ${kind}`,
            });
          if (f.kill !== undefined && kind !== undefined && !SERVICE_LIKE.has(kind))
            out.push({
              path: [...p, 'kill'],
              at: 'key',
              code: 'reference',
              message: `${fmt([...p, 'kill'])}: only services, gateways and sagas have replicas to kill`,
            });
        } else if (typeof f.call === 'string') {
          const m = /^(.+?)\s*->\s*(.+)$/.exec(f.call.trim());
          if (m) {
            const [from, to] = [m[1]!, m[2]!];
            const bad = [from, to].filter((x) => !kinds.has(x));
            if (bad.length > 0)
              out.push({
                path: [...p, 'call'],
                at: 'value',
                code: 'reference',
                message: `${fmt([...p, 'call'])}: "${bad[0]}" is not a node of this design${didYouMean(bad[0]!, ids)}`,
              });
            else if (!edges.has(`${from}->${to}`))
              out.push({
                path: [...p, 'call'],
                at: 'value',
                code: 'reference',
                message: `${fmt([...p, 'call'])}: the design has no call from "${from}" to "${to}"`,
              });
          }
        }
      });
      if (isObj(sc.set))
        for (const key of Object.keys(sc.set)) {
          const nid = [...ids].sort((a, b) => b.length - a.length).find((x) => key.startsWith(`${x}.`));
          const p: Path = [...sbase, 'set', key];
          if (!nid) {
            out.push({
              path: p,
              at: 'key',
              code: 'reference',
              message: `${fmt(p)}: "${key}" does not start with a node id and a field (like "order-service.replicas")`,
            });
            continue;
          }
          const bad = key
            .slice(nid.length + 1)
            .split('.')
            .find((seg) => FORBIDDEN_SEGMENTS.has(seg));
          if (bad !== undefined)
            out.push({ path: p, at: 'key', code: 'format', message: `${fmt(p)}: a path goes through fields, and "${bad}" is not a field` });
        }
    }
  if (isObj(raw.review))
    arr(raw.review.ignore).forEach((g, i) => {
      if (isObj(g) && g.node !== undefined) ref(['review', 'ignore', i, 'node'], g.node, 'ignored node');
    });
  for (const section of ['notes', 'layout'] as const) {
    const v = raw[section];
    if (isObj(v))
      for (const nid of Object.keys(v))
        if (!kinds.has(nid))
          out.push({
            path: [section, nid],
            at: 'key',
            code: 'reference',
            message: `${section}["${nid}"]: "${nid}" is not a node of this design${didYouMean(nid, ids)}`,
          });
  }
  return out;
}

function edgeSet(nodes: [string, Raw, Path][]): Set<string> {
  const s = new Set<string>();
  for (const [id, n] of nodes) {
    for (const list of ['calls', 'requests', 'routes', 'steps'])
      for (const c of arr(n[list])) if (isObj(c) && typeof c.to === 'string') s.add(`${id}->${c.to}`);
    if (isObj(n.operations))
      for (const op of Object.values(n.operations))
        if (isObj(op)) for (const c of arr(op.calls)) if (isObj(c) && typeof c.to === 'string') s.add(`${id}->${c.to}`);
    if (typeof n.miss === 'string') s.add(`${id}->${n.miss}`);
    for (const c of arr(n.consumers)) if (typeof c === 'string') s.add(`${id}->${c}`);
  }
  return s;
}

const fmt = formatPath;
