// Safe names for generated artifacts (docs/exports.md, generators.md "Names"): every id becomes a
// DNS-1123 label and a TypeScript identifier; ids that collapse to the same name get -2, -3, ...
// in the order they are allocated (the design's node order), never a silent overwrite.

const MAX_LABEL = 63;

/** Names Windows keeps for devices, whatever the extension (`con.yaml` is the console): a file or
 * folder called so cannot be written there, so no safe name is one of them. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** Lowercase, runs outside a-z0-9 -> '-', trimmed, cut to 63; a Windows device name gets `-node`
 * (`con` -> `con-node`). Never empty, never a path, never a name Windows refuses. */
export function dnsLabel(raw: string, fallback = 'node'): string {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LABEL)
    .replace(/-+$/g, '');
  if (s === '') return fallback;
  return WINDOWS_DEVICE.test(s) ? `${s}-node` : s;
}

/** `ORDERS_DB` from `orders-db`: the prefix of the environment variables that address a node,
 * exactly as generators.md says (the safe name upper-cased, `-` as `_`), also when it starts with
 * a digit (`123_GO`): compose, Node and Kubernetes 1.34+ take such names, and the contract is
 * what callers outside the project compute. */
export function envPrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

const TS_RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private ' +
    'protected public static yield await any boolean number string symbol type from of async constructor undefined'
  ).split(' '),
);

/** camelCase identifier from any id (`Order Service` -> `orderService`). */
export function tsIdentifier(raw: string, fallback = 'node'): string {
  const words = raw
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let s = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  if (s === '') s = fallback;
  if (/^[0-9]/.test(s)) s = `n${s}`;
  if (TS_RESERVED.has(s)) s = `${s}Node`;
  return s;
}

export function pascal(ident: string): string {
  return ident[0]!.toUpperCase() + ident.slice(1);
}

/** Hands out unique names: the first comer keeps the base, later ones get -2, -3, ... */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(
    reserved: Iterable<string> = [],
    private readonly sep = '-',
    private readonly max = MAX_LABEL,
  ) {
    for (const r of reserved) this.taken.add(r);
  }

  take(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) {
      const suffix = `${this.sep}${n}`;
      name = `${base.slice(0, this.max - suffix.length).replace(/-+$/g, '')}${suffix}`;
    }
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}

/** A Kubernetes label value: at most 63 of [A-Za-z0-9._-], alphanumeric at both ends. */
export function labelValue(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, MAX_LABEL)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
