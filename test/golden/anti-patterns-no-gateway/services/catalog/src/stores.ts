// The stores this service reads and writes, each on its engine's standard client. Readiness asks
// each one a real round trip (a query, a PING), not a TCP connect; a store reached only through
// the design's optional calls is reported but does not hold readiness back.
import { env, secrets } from './config.js';
import { PostgresStore } from './stores/postgres.js';

export interface Store {
  readonly name: string;
  /** one round trip to the store; rejects when it does not answer as it should */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const stores = {
  catalogDb: new PostgresStore("catalog-db", env["CATALOG_DB_URL"], secrets["CATALOG_DB_USER"], secrets["CATALOG_DB_PASSWORD"]),
};

export async function closeStores(): Promise<void> {
  await Promise.allSettled(Object.values(stores).map((s: Store) => s.close()));
}
