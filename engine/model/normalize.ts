// The defaults that depend on more than the field itself, applied once after the schema:
// top-level sagas join `nodes`; `defaults.call` fills every call-like entry; a call's protocol is
// its callee's and a service's protocol is grpc when every call to it says so; servicePort is
// the port; health.probe is the protocol; a client with neither rate nor users has rate 10.
// "Absent" is read from the raw (migrated, pre-schema) document, since the schema's static
// defaults already filled the parsed one. The result parses back to itself (roundtrip.test.ts).
import { DEFAULT_RATE, type Call, type Design, type DesignNode, type Protocol } from './schema.js';

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An own property only: ids and operation names are data (`__proto__`, `constructor`). */
const own = (o: unknown, key: string | number): unknown =>
  isObj(o) || Array.isArray(o) ? (Object.prototype.hasOwnProperty.call(o, key) ? (o as Raw)[key] : undefined) : undefined;
const has = (o: unknown, key: string): boolean => isObj(o) && Object.prototype.hasOwnProperty.call(o, key);

export function normalize(d: Design, raw: Raw): Design {
  const rawNodes = new Map<string, unknown>();
  for (const section of ['nodes', 'sagas'] as const) {
    const s = own(raw, section);
    if (isObj(s)) for (const id of Object.keys(s)) if (!rawNodes.has(id)) rawNodes.set(id, s[id]);
  }
  const entries: [string, DesignNode][] = [
    ...Object.entries(d.nodes),
    ...Object.entries(d.sagas ?? {}).map(([id, s]): [string, DesignNode] => [id, { ...s, kind: 'saga' }]),
  ];
  const kinds = new Map(entries.map(([id, n]) => [id, n.kind]));

  // Which calls name a protocol, per callee: a service's default protocol is grpc when there is
  // at least one call to it and every one says protocol: grpc.
  const said = new Map<string, Protocol[]>();
  const eachRawCall = (fn: (call: Raw) => void) => {
    for (const n of rawNodes.values()) {
      for (const c of arrayOf(own(n, 'calls'))) if (isObj(c)) fn(c);
      const ops = own(n, 'operations');
      if (isObj(ops)) for (const op of Object.values(ops)) for (const c of arrayOf(own(op, 'calls'))) if (isObj(c)) fn(c);
    }
  };
  eachRawCall((c) => {
    if (typeof c.to !== 'string') return;
    const list = said.get(c.to) ?? [];
    list.push(c.protocol === 'grpc' ? 'grpc' : 'http');
    said.set(c.to, list);
  });
  const protocols = new Map<string, Protocol>();
  for (const [id, n] of entries) {
    if (n.kind !== 'service' && n.kind !== 'gateway' && n.kind !== 'saga') continue;
    if (has(rawNodes.get(id), 'protocol')) protocols.set(id, n.protocol);
    else {
      const s = said.get(id) ?? [];
      protocols.set(id, s.length > 0 && s.every((p) => p === 'grpc') ? 'grpc' : 'http');
    }
  }

  const def = d.defaults.call;
  const withDefaults = <T extends { timeout?: number; retry?: unknown; breaker?: unknown }>(c: T): T => ({
    ...c,
    ...(c.timeout === undefined && def.timeout !== undefined ? { timeout: def.timeout } : {}),
    ...(c.retry === undefined && def.retry !== undefined ? { retry: def.retry } : {}),
    ...(c.breaker === undefined && def.breaker !== undefined ? { breaker: def.breaker } : {}),
  });
  const call = (c: Call, rawCall: unknown): Call => {
    const target = kinds.get(c.to);
    return withDefaults({
      ...c,
      async: c.async || target === 'queue' || target === 'topic',
      protocol: has(rawCall, 'protocol') ? c.protocol : (protocols.get(c.to) ?? 'http'),
      network: has(rawCall, 'network') ? c.network : (def.network ?? 0),
    });
  };

  const nodes = Object.fromEntries(
    entries.map(([id, n]): [string, DesignNode] => {
      const r = rawNodes.get(id);
      if (n.kind === 'client') {
        const rate = n.rate === undefined && n.users === undefined ? DEFAULT_RATE : n.rate;
        return [id, { ...n, ...(rate !== undefined ? { rate } : {}), requests: n.requests.map(withDefaults) }];
      }
      if (n.kind !== 'service' && n.kind !== 'gateway' && n.kind !== 'saga') return [id, n];
      const protocol = protocols.get(id)!;
      const rawCalls = arrayOf(own(r, 'calls'));
      const rawOps = own(r, 'operations');
      const operations =
        n.operations === undefined
          ? undefined
          : Object.fromEntries(
              Object.entries(n.operations).map(([name, op]) => {
                if (op.calls === undefined) return [name, op];
                const rc = arrayOf(own(own(rawOps, name), 'calls'));
                return [name, { ...op, calls: op.calls.map((c, i) => call(c, rc[i])) }];
              }),
            );
      return [
        id,
        {
          ...n,
          protocol,
          servicePort: has(r, 'servicePort') ? n.servicePort : n.port,
          health: { ...n.health, probe: has(own(r, 'health'), 'probe') ? n.health.probe : protocol },
          calls: n.calls.map((c, i) => call(c, rawCalls[i])),
          ...(operations !== undefined ? { operations } : {}),
        },
      ];
    }),
  );
  const { sagas: _sagas, ...rest } = d;
  return { ...rest, nodes };
}

function arrayOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
