// Any id is a plain key, `__proto__` and every Object.prototype name included (design-format.md:
// ids are any 1-63 characters). Zod drops a `__proto__` key from records and objects (assigning it
// to a plain object would replace that object's prototype), so while the schema runs a stand-in
// takes its place, and the parsed design gets it back as an own key of null-prototype records.

/** A noncharacter no one types, then the name: a key of its own while the schema runs. */
export const PROTO_STAND_IN = '\ufdd0__proto__';
const PROTO = '__proto__';

/** A mapping keyed by design names: no prototype, so `__proto__` or `constructor` is a key like any. */
export function nullRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** A deep copy of raw input with every own `__proto__` key as the stand-in (order kept). */
export function hideProtoKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hideProtoKeys);
  if (!isPlainObject(v)) return v;
  const out = nullRecord<unknown>();
  for (const k of Object.keys(v)) out[k === PROTO ? PROTO_STAND_IN : k] = hideProtoKeys(v[k]);
  return out;
}

/** Does raw input use the stand-in itself (as a key anywhere)? Then it cannot stand in. */
export function usesStandIn(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(usesStandIn);
  if (!isPlainObject(v)) return false;
  return Object.keys(v).some((k) => k === PROTO_STAND_IN || usesStandIn(v[k]));
}

/** The schema's output back with real `__proto__` keys: a mapping holding the stand-in becomes a
 * null-prototype record with `__proto__` in its place; everything else is kept as it is. */
export function restoreProtoKeys<T>(v: T): T {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = restoreProtoKeys(v[i]);
    return v;
  }
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.includes(PROTO_STAND_IN))
    return nullRecord(keys.map((k) => [k === PROTO_STAND_IN ? PROTO : k, restoreProtoKeys(v[k])] as const)) as T;
  const o = v as Record<string, unknown>;
  for (const k of keys) o[k] = restoreProtoKeys(o[k]);
  return v;
}

/** A path or message in stand-in terms, as the user wrote it. */
export function realKey<K extends string | number>(k: K): K {
  return (k === PROTO_STAND_IN ? PROTO : k) as K;
}
export function realText(s: string): string {
  return s.split(PROTO_STAND_IN).join(PROTO);
}

/** Path segments a `set` override may not walk through: they lead to a prototype, not a field. */
export const FORBIDDEN_SEGMENTS = new Set([PROTO, 'constructor', 'prototype']);
