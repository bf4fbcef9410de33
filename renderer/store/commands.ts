// Canvas commands as text edits: each takes the raw document (the plain value of the current
// YAML, units as the user wrote them) and returns the TextEdits that carry it out, or the reason
// it is refused. Pure, so the rules are tested without a browser.
import type { Design, EntryRef, NodeKind, TextEdit } from '../../engine/index';
import { KINDS } from '../canvas/kinds';

export type Raw = Record<string, unknown>;
export interface XY {
  x: number;
  y: number;
}

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rawNodes = (raw: Raw): Raw => (isObj(raw.nodes) ? raw.nodes : {});

export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

const round = (p: XY): XY => ({ x: Math.round(p.x), y: Math.round(p.y) });

export function addNodeEdits(raw: Raw, kind: NodeKind, at: XY): { id: string; edits: TextEdit[] } {
  const id = uniqueId(kind === 'service' ? 'new-service' : `new-${kind}`, new Set(Object.keys(rawNodes(raw))));
  return {
    id,
    edits: [
      { path: ['nodes', id], value: { ...KINDS[kind].starter } },
      { path: ['layout', id], value: round(at) },
    ],
  };
}

export function moveEdits(moves: Record<string, XY>): TextEdit[] {
  return Object.entries(moves).map(([id, p]) => ({ path: ['layout', id], value: round(p) }));
}

/** Why a connection from one kind to another is refused, or null when it is allowed. */
export function connectionRefusal(fromKind: NodeKind, toKind: NodeKind, fromId: string, toId: string): string | null {
  if (fromId === toId) return 'a node cannot call itself';
  if (toKind === 'client') return 'nothing may call a client: clients only send requests';
  switch (fromKind) {
    case 'database':
      return 'a database makes no calls';
    case 'cache':
      return toKind === 'database' || toKind === 'service' || toKind === 'gateway' || toKind === 'saga'
        ? null
        : 'a cache sends its misses to a database or a service';
    case 'queue':
    case 'topic':
      return toKind === 'service' || toKind === 'gateway' || toKind === 'saga'
        ? null
        : `a ${fromKind} delivers to consumers: a service, gateway or saga`;
    default:
      return null;
  }
}

/** The edits that add a call from -> to: a client request, a call, a cache miss or a consumer. */
export function connectEdits(raw: Raw, design: Design, from: string, to: string): { edits: TextEdit[] } | { reason: string } {
  const a = design.nodes[from];
  const b = design.nodes[to];
  if (!a || !b) return { reason: 'both ends must be nodes of the design' };
  const refusal = connectionRefusal(a.kind, b.kind, from, to);
  if (refusal) return { reason: refusal };
  const node = rawNodes(raw)[from];
  const rawNode = isObj(node) ? node : {};
  switch (a.kind) {
    case 'client': {
      const requests = list(rawNode.requests);
      if (requests.some((r) => isObj(r) && r.to === to)) return { reason: `${from} already sends requests to ${to}` };
      return { edits: [{ path: ['nodes', from, 'requests', requests.length], value: { to } }] };
    }
    case 'cache':
      if (rawNode.miss === to) return { reason: `${from} already sends misses to ${to}` };
      return { edits: [{ path: ['nodes', from, 'miss'], value: to }] };
    case 'queue':
    case 'topic': {
      const consumers = list(rawNode.consumers);
      if (consumers.includes(to)) return { reason: `${to} already consumes ${from}` };
      return { edits: [{ path: ['nodes', from, 'consumers', consumers.length], value: to }] };
    }
    case 'database':
      return { reason: 'a database makes no calls' };
    // A gateway forwards along its routes and a saga runs its steps: a `calls` entry there only
    // sets policy, so an edge drawn from them adds the forward the simulator follows.
    case 'gateway':
    case 'saga': {
      const key = a.kind === 'gateway' ? 'routes' : 'steps';
      const forwards = list(rawNode[key]);
      if (forwards.some((f) => isObj(f) && f.to === to) || list(rawNode.calls).some((c) => isObj(c) && c.to === to))
        return { reason: `${from} already ${a.kind === 'gateway' ? 'routes to' : 'has a step to'} ${to}` };
      const value =
        a.kind === 'gateway'
          ? { path: routePath(forwards, rawNodes(raw)[to], to), to }
          : { name: uniqueId(to.replace(/-service$/, ''), new Set(forwards.map((f) => (isObj(f) ? String(f.name) : '')))), to };
      return { edits: [{ path: ['nodes', from, key, forwards.length], value }] };
    }
    default: {
      const calls = list(rawNode.calls);
      const forwards = [...list(rawNode.routes), ...list(rawNode.steps)];
      if (calls.some((c) => isObj(c) && c.to === to) || forwards.some((f) => isObj(f) && f.to === to))
        return { reason: `${from} already calls ${to}` };
      return { edits: [{ path: ['nodes', from, 'calls', calls.length], value: { to } }] };
    }
  }
}

/**
 * A path prefix for a new route to `to`: the first segment of the target's first `api` endpoint
 * ("GET /orders/:id" -> /orders), else its id; made unique among the gateway's routes.
 */
function routePath(routes: readonly unknown[], target: unknown, to: string): string {
  const taken = new Set(routes.map((r) => (isObj(r) ? String(r.path) : '')));
  const api = isObj(target) ? list(target.api) : [];
  const endpoint = typeof api[0] === 'string' ? api[0].trim().split(/\s+/).pop()! : '';
  const segment = /^\/([A-Za-z0-9._~-]+)/.exec(endpoint)?.[1];
  const base = `/${segment ?? to}`;
  if (!taken.has(base)) return base;
  if (!taken.has(`/${to}`)) return `/${to}`;
  for (let i = 2; ; i++) if (!taken.has(`/${to}-${i}`)) return `/${to}-${i}`;
}

/** What a canvas edge stands for: entries of one list of the `from` node (or a single field). */
export type EdgeRef = EntryRef;

export interface Clipboard {
  nodes: Record<string, Raw>;
  positions: Record<string, XY>;
}

export function copyNodes(raw: Raw, ids: readonly string[], positionOf: (id: string) => XY | undefined): Clipboard | null {
  const nodes = rawNodes(raw);
  const out: Clipboard = { nodes: {}, positions: {} };
  for (const id of ids) {
    const n = nodes[id];
    if (!isObj(n)) continue;
    out.nodes[id] = structuredClone(n);
    const p = positionOf(id);
    if (p) out.positions[id] = p;
  }
  return Object.keys(out.nodes).length > 0 ? out : null;
}

/** Pastes copies under new ids; references among the copied nodes follow the copies. */
export function pasteEdits(raw: Raw, clip: Clipboard, offset: XY): { ids: string[]; edits: TextEdit[] } {
  const taken = new Set(Object.keys(rawNodes(raw)));
  const rename = new Map<string, string>();
  for (const id of Object.keys(clip.nodes)) {
    const next = uniqueId(`${id.replace(/-copy(-\d+)?$/, '')}-copy`, taken);
    taken.add(next);
    rename.set(id, next);
  }
  const remap = (v: unknown): unknown => (typeof v === 'string' && rename.has(v) ? rename.get(v) : v);
  const edits: TextEdit[] = [];
  for (const [id, node] of Object.entries(clip.nodes)) {
    const copy = structuredClone(node);
    for (const field of ['calls', 'requests', 'routes', 'steps'])
      if (Array.isArray(copy[field])) copy[field] = (copy[field] as unknown[]).map((e) => (isObj(e) ? { ...e, to: remap(e.to) } : e));
    if (Array.isArray(copy.consumers)) copy.consumers = copy.consumers.map(remap);
    for (const f of ['miss', 'dlq']) if (typeof copy[f] === 'string') copy[f] = remap(copy[f]);
    const nid = rename.get(id)!;
    edits.push({ path: ['nodes', nid], value: copy });
    const p = clip.positions[id];
    if (p) edits.push({ path: ['layout', nid], value: round({ x: p.x + offset.x, y: p.y + offset.y }) });
  }
  return { ids: [...rename.values()], edits };
}
