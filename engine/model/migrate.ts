// Older versions of the design format are migrated step by step to CURRENT_VERSION before
// validation. Each step is frozen with a fixture in test/fixtures/migrations/.
import { CURRENT_VERSION } from './schema.js';

type Raw = Record<string, unknown>;

/** migrations[n] turns a version-n document into a version-(n+1) document. */
export const migrations: Record<number, (raw: Raw) => Raw> = {
  // Version 0, the preview format: nodes lived under `services` and calls were a separate
  // top-level `edges` list of { from, to, ...policy }. Clients' edges are request entries.
  0: (raw) => {
    const { services, edges, ...rest } = raw;
    const nodes = Object.create(null) as Record<string, Raw>; // ids are plain keys: `__proto__`, `constructor`
    for (const [id, node] of Object.entries((services ?? {}) as Record<string, Raw>)) nodes[id] = { ...node };
    for (const edge of (Array.isArray(edges) ? edges : []) as Raw[]) {
      const { from, ...call } = edge;
      const caller = nodes[String(from)];
      if (!caller) continue; // left for the validator to report as an unknown id
      const list = caller.kind === 'client' ? 'requests' : 'calls';
      caller[list] = [...((caller[list] as unknown[] | undefined) ?? []), call];
    }
    return { ...rest, version: 1, nodes };
  },
};

export type MigrationResult = { ok: true; raw: Raw; from: number } | { ok: false; message: string };

export function migrate(raw: Raw): MigrationResult {
  const v = raw.version ?? CURRENT_VERSION;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return { ok: true, raw, from: CURRENT_VERSION }; // the schema reports it
  if (v > CURRENT_VERSION) {
    return {
      ok: false,
      message: `version ${v} is newer than this Meshwright understands (version ${CURRENT_VERSION}); update Meshwright to open it`,
    };
  }
  let doc = raw;
  for (let step = v; step < CURRENT_VERSION; step++) {
    const m = migrations[step];
    if (!m) return { ok: false, message: `version ${step} cannot be migrated (no migration from it)` };
    doc = m(doc);
  }
  return { ok: true, raw: doc, from: v };
}
