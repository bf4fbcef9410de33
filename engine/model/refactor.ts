// Refactorings of a design's text that keep every reference whole (the places references.ts
// checks): deleting nodes (with every entry that names them) and renaming a node's id (rewriting every place that names it). Shared
// by the canvas and the inspector; pure, and they keep comments and formatting: a rename replaces
// only the characters of the names it changes, a delete is a set of TextEdits for applyEdits.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Pair, type Scalar } from 'yaml';
import { scalarSource, type TextEdit } from './edit.js';
import { nodeIdSchema, operationNameSchema } from './schema.js';

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The list (or single field) of a node that holds a canvas edge's entries. */
export type EntryField = 'calls' | 'requests' | 'routes' | 'steps' | 'consumers' | 'miss' | 'dlq';

/** Entries of one list of the `from` node that point at `to` (a call, route, step...). */
export interface EntryRef {
  from: string;
  to: string;
  field: EntryField;
  indices: number[];
  /** Calls listed under the `from` node's operations that point at `to`: operation -> indices. */
  operations?: Record<string, number[]>;
}

export interface DeletePlan {
  edits: TextEdit[];
  /** What goes besides the nodes and calls asked for, in words ("the call web → api", ...). */
  alsoRemoved: string[];
}

/** Where a node lives: `nodes.<id>`, or `sagas.<id>` for sagas listed apart. */
function nodeBase(raw: Raw, id: string): ['nodes' | 'sagas', string] {
  return isObj(raw.sagas) && id in raw.sagas && !(isObj(raw.nodes) && id in raw.nodes) ? ['sagas', id] : ['nodes', id];
}

function allNodes(raw: Raw): [string, Raw, 'nodes' | 'sagas'][] {
  const out: [string, Raw, 'nodes' | 'sagas'][] = [];
  for (const section of ['nodes', 'sagas'] as const) {
    const s = raw[section];
    if (isObj(s)) for (const [id, n] of Object.entries(s)) if (isObj(n)) out.push([id, n, section]);
  }
  return out;
}

/** "a -> b" of a fault's `call`, or null. */
function callEnds(call: unknown): [string, string] | null {
  if (typeof call !== 'string') return null;
  const m = /^\s*(.+?)\s*->\s*(.+?)\s*$/.exec(call);
  return m ? [m[1]!, m[2]!] : null;
}

/** The node id a scenario `set` key starts with ("order-service.replicas"): the longest match. */
function setKeyNode(key: string, ids: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (key.startsWith(`${id}.`) && (best === undefined || id.length > best.length)) best = id;
  return best;
}

const FIELD_WORDS: Record<EntryField, (from: string, to: string, entry: unknown) => string> = {
  calls: (f, t) => `the call ${f} → ${t}`,
  requests: (f, t) => `the requests ${f} → ${t}`,
  routes: (f, t, e) => `the route ${isObj(e) && typeof e.path === 'string' ? `${e.path} ` : ''}of ${f} → ${t}`,
  steps: (f, t, e) => `the saga step ${isObj(e) && typeof e.name === 'string' ? `"${e.name}" ` : ''}of ${f} → ${t}`,
  consumers: (f, t) => `${t} as a consumer of ${f}`,
  miss: (f, t) => `the cache misses ${f} → ${t}`,
  dlq: (f, t) => `the dead-letter queue ${f} → ${t}`,
};

/**
 * Deletes nodes and calls with everything that refers to them: calls, requests, routes, saga
 * steps, consumers, cache misses and dead-letter targets naming a deleted node; scenario faults on
 * a deleted node or on a call that no longer exists, traffic and `set` entries for deleted nodes;
 * their notes and layout. List entries are removed from the highest index down.
 */
export function planDelete(raw: Raw, nodeIds: readonly string[], entries: readonly EntryRef[] = []): DeletePlan {
  const gone = new Set(nodeIds);
  const nodes = allNodes(raw);
  const byId = new Map(nodes.map(([id, n, s]) => [id, { n, s }]));
  const alsoRemoved: string[] = [];
  const asked = new Set<string>(); // "from\0field\0index" of the entries asked for
  for (const e of entries)
    for (const i of e.field === 'miss' || e.field === 'dlq' ? [-1] : e.indices) asked.add(`${e.from}\0${e.field}\0${i}`);

  const listRemovals = new Map<string, Set<number>>(); // "section\0from\0field" -> indices
  const fieldRemovals = new Set<string>(); // "section\0from\0field"
  const removeEntry = (from: string, field: EntryField, i: number, entry: unknown, to: string) => {
    const at = byId.get(from);
    if (!at || gone.has(from)) return;
    const key = `${at.s}\0${from}\0${field}`;
    if (i < 0) fieldRemovals.add(key);
    else {
      if (!listRemovals.has(key)) listRemovals.set(key, new Set());
      listRemovals.get(key)!.add(i);
    }
    if (!asked.has(`${from}\0${field}\0${i}`)) alsoRemoved.push(FIELD_WORDS[field](from, to, entry));
  };

  for (const e of entries) {
    const at = byId.get(e.from);
    if (!at) continue;
    if (e.field === 'miss' || e.field === 'dlq') removeEntry(e.from, e.field, -1, undefined, e.to);
    else for (const i of e.indices) removeEntry(e.from, e.field, i, list(at.n[e.field])[i], e.to);
  }
  // A gateway route or saga step takes its policy from the calls entry with the same target:
  // once no route or step goes there, that entry goes with the forward it belonged to (else it
  // would show up as a call of its own).
  for (const e of entries) {
    if (e.field !== 'routes' && e.field !== 'steps') continue;
    const at = byId.get(e.from);
    if (!at || gone.has(e.from)) continue;
    const left = (['routes', 'steps'] as const).some((f) =>
      list(at.n[f]).some((x, i) => isObj(x) && x.to === e.to && !listRemovals.get(`${at.s}\0${e.from}\0${f}`)?.has(i)),
    );
    if (left) continue;
    list(at.n.calls).forEach((c, i) => {
      if (!isObj(c) || c.to !== e.to) return;
      asked.add(`${e.from}\0calls\0${i}`);
      removeEntry(e.from, 'calls', i, c, e.to);
    });
  }
  // What remains calls what: the edges after the removals, for faults on calls.
  const edgesLeft = new Set<string>();
  for (const [id, n, s] of nodes) {
    if (gone.has(id)) continue;
    for (const field of ['calls', 'requests', 'routes', 'steps'] as const)
      list(n[field]).forEach((entry, i) => {
        if (!isObj(entry) || typeof entry.to !== 'string') return;
        if (gone.has(entry.to)) removeEntry(id, field, i, entry, entry.to);
        else if (!listRemovals.get(`${s}\0${id}\0${field}`)?.has(i)) edgesLeft.add(`${id}->${entry.to}`);
      });
    list(n.consumers).forEach((c, i) => {
      if (typeof c !== 'string') return;
      if (gone.has(c)) removeEntry(id, 'consumers', i, c, c);
      else if (!listRemovals.get(`${s}\0${id}\0consumers`)?.has(i)) edgesLeft.add(`${id}->${c}`);
    });
    for (const f of ['miss', 'dlq'] as const) {
      const t = n[f];
      if (typeof t !== 'string') continue;
      if (gone.has(t)) removeEntry(id, f, -1, undefined, t);
      else if (!fieldRemovals.has(`${s}\0${id}\0${f}`)) edgesLeft.add(`${id}->${t}`);
    }
  }

  const edits: TextEdit[] = [];
  // Calls inside a node's operations: those asked for, and those naming a deleted node.
  const askedInOps = new Set<string>(); // "from\0op\0index"
  for (const e of entries)
    if (e.field === 'calls')
      for (const [op, is] of Object.entries(e.operations ?? {})) for (const i of is) askedInOps.add(`${e.from}\0${op}\0${i}`);
  for (const [id, n, s] of nodes) {
    if (gone.has(id) || !isObj(n.operations)) continue;
    for (const [op, o] of Object.entries(n.operations)) {
      if (!isObj(o)) continue;
      const doomed: number[] = [];
      list(o.calls).forEach((c, i) => {
        if (!isObj(c) || typeof c.to !== 'string') return;
        if (askedInOps.has(`${id}\0${op}\0${i}`)) doomed.push(i);
        else if (gone.has(c.to)) {
          doomed.push(i);
          alsoRemoved.push(`the call ${id} → ${c.to} of operation "${op}"`);
        } else edgesLeft.add(`${id}->${c.to}`);
      });
      for (const i of doomed.reverse()) edits.push({ path: [s, id, 'operations', op, 'calls', i], value: undefined });
    }
  }
  for (const [k, set] of listRemovals) {
    const [section, from, field] = k.split('\0') as [string, string, string];
    for (const i of [...set].sort((x, y) => y - x)) edits.push({ path: [section, from, field, i], value: undefined });
  }
  for (const k of fieldRemovals) {
    const [section, from, field] = k.split('\0') as [string, string, string];
    edits.push({ path: [section, from, field], value: undefined });
  }

  // Scenarios: faults on a deleted node or a call that is gone, traffic and settings of deleted nodes.
  const callsGone = new Set<string>();
  for (const e of entries) callsGone.add(`${e.from}->${e.to}`);
  const ids = nodes.map(([id]) => id);
  if (isObj(raw.scenarios))
    for (const [sid, sc] of Object.entries(raw.scenarios)) {
      if (!isObj(sc)) continue;
      const faults: number[] = [];
      list(sc.faults).forEach((f, i) => {
        if (!isObj(f)) return;
        const ends = callEnds(f.call);
        const onNode = typeof f.node === 'string' && gone.has(f.node);
        const onCall =
          ends !== null &&
          (gone.has(ends[0]) || gone.has(ends[1]) || (callsGone.has(`${ends[0]}->${ends[1]}`) && !edgesLeft.has(`${ends[0]}->${ends[1]}`)));
        if (!onNode && !onCall) return;
        faults.push(i);
        alsoRemoved.push(`fault ${i + 1} of scenario "${sid}" (on ${onNode ? String(f.node) : `${ends![0]} → ${ends![1]}`})`);
      });
      for (const i of faults.reverse()) edits.push({ path: ['scenarios', sid, 'faults', i], value: undefined });
      if (isObj(sc.traffic))
        for (const cid of Object.keys(sc.traffic))
          if (gone.has(cid)) {
            edits.push({ path: ['scenarios', sid, 'traffic', cid], value: undefined });
            alsoRemoved.push(`the traffic of ${cid} in scenario "${sid}"`);
          }
      if (isObj(sc.set))
        for (const key of Object.keys(sc.set)) {
          const owner = setKeyNode(key, ids);
          if (owner !== undefined && gone.has(owner)) {
            edits.push({ path: ['scenarios', sid, 'set', key], value: undefined });
            alsoRemoved.push(`the setting ${key} in scenario "${sid}"`);
          }
        }
    }

  // Review findings ignored on a deleted node.
  if (isObj(raw.review)) {
    const doomed: number[] = [];
    list(raw.review.ignore).forEach((g, i) => {
      if (isObj(g) && typeof g.node === 'string' && gone.has(g.node)) {
        doomed.push(i);
        alsoRemoved.push(`the ignored review finding ${typeof g.rule === 'string' ? `${g.rule} ` : ''}on ${g.node}`);
      }
    });
    for (const i of doomed.reverse()) edits.push({ path: ['review', 'ignore', i], value: undefined });
  }

  const layout = isObj(raw.layout) ? raw.layout : {};
  const notes = isObj(raw.notes) ? raw.notes : {};
  for (const id of gone) {
    if (!byId.has(id)) continue;
    edits.push({ path: nodeBase(raw, id), value: undefined });
    if (id in layout) edits.push({ path: ['layout', id], value: undefined });
    if (id in notes) {
      edits.push({ path: ['notes', id], value: undefined });
      const n = list(notes[id]).length;
      alsoRemoved.push(`${n === 1 ? 'the note' : `${n} notes`} on ${id}`);
    }
  }
  return { edits, alsoRemoved };
}

/** Why a node cannot be renamed to `to`, or null when it can. */
export function renameRefusal(raw: Raw, from: string, to: string): string | null {
  if (!allNodes(raw).some(([id]) => id === from)) return `"${from}" is not a node of this design`;
  if (to === from) return 'the new id is the old one';
  const ok = nodeIdSchema.safeParse(to);
  if (!ok.success || to.trim() !== to || to === '') return 'an id is 1-63 characters, without control characters or surrounding spaces';
  if (allNodes(raw).some(([id]) => id === to)) return `"${to}" is already a node of this design`;
  return null;
}

/** A scalar's new source, quoted as the old one was when it was quoted. */
function scalarText(node: Scalar, value: string): string {
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return scalarSource(value);
}

/**
 * Renames node `from` to `to` in the text: its key under `nodes` (or `sagas`), every call,
 * request, route, saga step, consumer, cache miss and dead-letter target naming it, scenario
 * faults (`node` and `call: a -> b`), traffic and `set` keys, and its notes and layout. Only the
 * names' characters change. Throws when the text is not valid YAML or the rename is refused.
 */
export function renameNode(text: string, from: string, to: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`cannot rename in a text with YAML errors: ${doc.errors[0]!.message}`);
  const raw = doc.toJS() as unknown;
  if (!isObj(raw)) throw new Error('the design is not a mapping');
  const refusal = renameRefusal(raw, from, to);
  if (refusal) throw new Error(refusal);
  const ids = allNodes(raw).map(([id]) => id);
  const replacements: { from: number; to: number; text: string }[] = [];
  const replace = (node: unknown, next: (old: string) => string | null) => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') return;
    const value = next(node.value);
    if (value === null || value === node.value) return;
    replacements.push({ from: node.range[0], to: node.range[1], text: scalarText(node, value) });
  };
  const same = (v: string) => (v === from ? to : null);
  const pairs = (map: unknown): Pair[] => (isMap(map) ? map.items.filter(isPair) : []);
  const keyOf = (p: Pair) => (isScalar(p.key) ? String(p.key.value) : '');
  const child = (map: unknown, key: string) => pairs(map).find((p) => keyOf(p) === key)?.value;
  const root = doc.contents;

  for (const section of ['nodes', 'sagas']) {
    for (const p of pairs(child(root, section))) {
      if (keyOf(p) === from) replace(p.key, same);
      const n = p.value;
      for (const field of ['calls', 'requests', 'routes', 'steps']) {
        const seq = child(n, field);
        if (isSeq(seq)) for (const item of seq.items) replace(child(item, 'to'), same);
      }
      for (const op of pairs(child(n, 'operations'))) {
        const calls = child(op.value, 'calls');
        if (isSeq(calls)) for (const item of calls.items) replace(child(item, 'to'), same);
      }
      const consumers = child(n, 'consumers');
      if (isSeq(consumers)) for (const item of consumers.items) replace(item, same);
      replace(child(n, 'miss'), same);
      replace(child(n, 'dlq'), same);
    }
  }
  for (const sp of pairs(child(root, 'scenarios'))) {
    const sc = sp.value;
    const faults = child(sc, 'faults');
    if (isSeq(faults))
      for (const f of faults.items) {
        replace(child(f, 'node'), same);
        replace(child(f, 'call'), (v) => {
          const m = /^(\s*)(.+?)(\s*->\s*)(.+?)(\s*)$/.exec(v);
          if (!m) return null;
          const a = m[2] === from ? to : m[2]!;
          const b = m[4] === from ? to : m[4]!;
          return `${m[1]}${a}${m[3]}${b}${m[5]}`;
        });
      }
    for (const p of pairs(child(sc, 'traffic'))) if (keyOf(p) === from) replace(p.key, same);
    for (const p of pairs(child(sc, 'set'))) if (setKeyNode(keyOf(p), ids) === from) replace(p.key, (v) => `${to}${v.slice(from.length)}`);
  }
  const ignore = child(child(root, 'review'), 'ignore');
  if (isSeq(ignore)) for (const g of ignore.items) replace(child(g, 'node'), same);
  for (const section of ['notes', 'layout']) for (const p of pairs(child(root, section))) if (keyOf(p) === from) replace(p.key, same);

  replacements.sort((a, b) => b.from - a.from);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.from) + r.text + out.slice(r.to);
  return out;
}

/** Operations live on services, gateways and sagas. */
function operationsOfRaw(raw: Raw, nodeId: string): Raw | null {
  const base = nodeBase(raw, nodeId);
  const section = raw[base[0]];
  const n = isObj(section) ? section[nodeId] : undefined;
  return isObj(n) && isObj(n.operations) ? n.operations : null;
}

/** Why operation `from` of `nodeId` cannot be renamed to `to`, or null when it can. */
export function operationRenameRefusal(raw: Raw, nodeId: string, from: string, to: string): string | null {
  const ops = operationsOfRaw(raw, nodeId);
  if (!ops || !(from in ops)) return `"${nodeId}" has no operation "${from}"`;
  if (to === from) return 'the new name is the old one';
  if (!operationNameSchema.safeParse(to).success || to.trim() !== to)
    return 'an operation name is 1-120 characters, without control characters or surrounding spaces';
  if (to in ops) return `"${nodeId}" already has an operation "${to}"`;
  return null;
}

/** Every place that names an operation of `nodeId`: `op` of the calls, requests, routes and saga
 * steps whose `to` is the node, and a step's `compensate` (which names an operation when the
 * node has operations). Paths into the raw document with the name found there. */
function operationMentions(raw: Raw, nodeId: string): { path: (string | number)[]; name: string; what: string }[] {
  const out: { path: (string | number)[]; name: string; what: string }[] = [];
  const at = (entry: unknown, path: (string | number)[], what: string, field: 'op' | 'compensate' = 'op') => {
    if (isObj(entry) && entry.to === nodeId && typeof entry[field] === 'string')
      out.push({ path: [...path, field], name: entry[field] as string, what });
  };
  for (const [id, n, s] of allNodes(raw)) {
    list(n.calls).forEach((c, i) => at(c, [s, id, 'calls', i], `the call ${id} → ${nodeId}`));
    list(n.requests).forEach((r, i) => at(r, [s, id, 'requests', i], `the requests ${id} → ${nodeId}`));
    list(n.routes).forEach((r, i) =>
      at(r, [s, id, 'routes', i], `the route ${isObj(r) && typeof r.path === 'string' ? `${r.path} ` : ''}of ${id} → ${nodeId}`),
    );
    list(n.steps).forEach((st, i) => {
      const name = isObj(st) && typeof st.name === 'string' ? `"${st.name}" ` : '';
      at(st, [s, id, 'steps', i], `the saga step ${name}of ${id} → ${nodeId}`);
      at(st, [s, id, 'steps', i], `the compensation of saga step ${name}of ${id}`, 'compensate');
    });
    if (isObj(n.operations))
      for (const [op, o] of Object.entries(n.operations))
        if (isObj(o))
          list(o.calls).forEach((c, i) => at(c, [s, id, 'operations', op, 'calls', i], `the call ${id} → ${nodeId} of operation "${op}"`));
  }
  return out;
}

/**
 * Renames operation `from` of node `nodeId` to `to`: its key under `operations`, the same entry
 * in the node's `api`, and every `op` (and saga `compensate`) that names it on an entry to the
 * node. Only the names' characters change. Throws when the text is not valid YAML or the rename
 * is refused.
 */
export function renameOperation(text: string, nodeId: string, from: string, to: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`cannot rename in a text with YAML errors: ${doc.errors[0]!.message}`);
  const raw = doc.toJS() as unknown;
  if (!isObj(raw)) throw new Error('the design is not a mapping');
  const refusal = operationRenameRefusal(raw, nodeId, from, to);
  if (refusal) throw new Error(refusal);
  const replacements: { from: number; to: number; text: string }[] = [];
  const replace = (node: unknown) => {
    if (!isScalar(node) || node.value !== from || !node.range) return;
    if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') return;
    replacements.push({ from: node.range[0], to: node.range[1], text: scalarText(node, to) });
  };
  const base = nodeBase(raw, nodeId);
  const opsNode = doc.getIn([...base, 'operations'], true);
  if (isMap(opsNode)) for (const p of opsNode.items) if (isPair(p) && isScalar(p.key) && p.key.value === from) replace(p.key);
  const api = doc.getIn([...base, 'api'], true);
  if (isSeq(api)) for (const item of api.items) replace(item);
  for (const m of operationMentions(raw, nodeId)) if (m.name === from) replace(doc.getIn(m.path, true));
  replacements.sort((a, b) => b.from - a.from);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.from) + r.text + out.slice(r.to);
  return out;
}

/**
 * Removes operation `op` of `nodeId` (the whole `operations` field with the last one), and the
 * `op` (or `compensate`) of every entry that names it: those requests then pick an operation by
 * weight. Says what else changes, as planDelete does.
 */
export function planRemoveOperation(raw: Raw, nodeId: string, op: string): DeletePlan {
  const ops = operationsOfRaw(raw, nodeId);
  if (!ops || !(op in ops)) return { edits: [], alsoRemoved: [] };
  const base = nodeBase(raw, nodeId);
  const edits: TextEdit[] = [];
  const alsoRemoved: string[] = [];
  for (const m of operationMentions(raw, nodeId)) {
    if (m.name !== op) continue;
    edits.push({ path: m.path, value: undefined });
    alsoRemoved.push(`"${op}" on ${m.what}`);
  }
  edits.push({ path: Object.keys(ops).length === 1 ? [...base, 'operations'] : [...base, 'operations', op], value: undefined });
  return { edits, alsoRemoved };
}
