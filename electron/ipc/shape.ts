// Tiny runtime shape checks for IPC arguments. Each check returns the value typed or throws a
// ShapeError naming the path of the first thing wrong. Kept dependency-free so the sandboxed
// preload bundle can share the contract without pulling a schema library in.

export class ShapeError extends Error {
  constructor(
    readonly at: string,
    message: string,
  ) {
    super(`${at || 'argument'}: ${message}`);
    this.name = 'ShapeError';
  }
}

export type Shape<T> = (value: unknown, at: string) => T;
export type Infer<S> = S extends Shape<infer T> ? T : never;

export function string(opts: { max?: number; min?: number } = {}): Shape<string> {
  const max = opts.max ?? 4096;
  const min = opts.min ?? 0;
  return (v, at) => {
    if (typeof v !== 'string') throw new ShapeError(at, `expected a string, got ${describe(v)}`);
    if (v.length > max) throw new ShapeError(at, `string longer than ${max} characters`);
    if (v.length < min) throw new ShapeError(at, `string shorter than ${min} characters`);
    // NUL bytes truncate paths in native calls; no legitimate argument carries one.
    if (v.includes('\0')) throw new ShapeError(at, 'string contains a NUL character');
    return v;
  };
}

export const boolean: Shape<boolean> = (v, at) => {
  if (typeof v !== 'boolean') throw new ShapeError(at, `expected a boolean, got ${describe(v)}`);
  return v;
};

export function literal<const L extends readonly string[]>(...values: L): Shape<L[number]> {
  return (v, at) => {
    if (typeof v !== 'string' || !values.includes(v)) throw new ShapeError(at, `expected one of ${values.join(', ')}`);
    return v as L[number];
  };
}

export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return (v, at) => (v === null ? null : inner(v, at));
}

export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return (v, at) => (v === undefined ? undefined : inner(v, at));
}

export function array<T>(item: Shape<T>, opts: { max: number }): Shape<T[]> {
  return (v, at) => {
    if (!Array.isArray(v)) throw new ShapeError(at, `expected an array, got ${describe(v)}`);
    if (v.length > opts.max) throw new ShapeError(at, `more than ${opts.max} items`);
    return v.map((x, i) => item(x, `${at}[${i}]`));
  };
}

type Fields = Record<string, Shape<unknown>>;
type ObjectOf<F extends Fields> = { [K in keyof F as undefined extends Infer<F[K]> ? never : K]: Infer<F[K]> } & {
  [K in keyof F as undefined extends Infer<F[K]> ? K : never]?: Infer<F[K]>;
};

/** A plain object with exactly these keys; unknown keys are rejected, not ignored. */
export function object<F extends Fields>(fields: F): Shape<ObjectOf<F>> {
  return (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(at, `expected an object, got ${describe(v)}`);
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new ShapeError(at, 'expected a plain object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(fields, key)) throw new ShapeError(at ? `${at}.${key}` : key, 'unexpected field');
    }
    for (const [key, check] of Object.entries(fields)) {
      const value = check((v as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<F>;
  };
}

/** The argument list of a channel: exactly this many arguments, each checked. */
export function args<const S extends readonly Shape<unknown>[]>(...shapes: S): Shape<{ [I in keyof S]: Infer<S[I]> }> {
  return (v, at) => {
    if (!Array.isArray(v)) throw new ShapeError(at, 'expected an argument list');
    if (v.length > shapes.length) throw new ShapeError(at, `expected at most ${shapes.length} arguments, got ${v.length}`);
    return shapes.map((s, i) => s(v[i], `${at}arg${i}`)) as { [I in keyof S]: Infer<S[I]> };
  };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}
