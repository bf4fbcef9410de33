// PostgreSQL through pg: a small pool; readiness runs `SELECT 1` (a round trip, not a TCP connect).
import pg from 'pg';
import type { Store } from '../stores.js';

export class PostgresStore implements Store {
  readonly pool: pg.Pool;

  constructor(
    readonly name: string,
    url: string,
    user: string,
    password: string,
  ) {
    // Fields, not connectionString: pg lets the string's (absent) user override an explicit one.
    const u = new URL(url);
    this.pool = new pg.Pool({
      host: u.hostname,
      port: Number(u.port || 5432),
      database: decodeURIComponent(u.pathname.slice(1)) || undefined,
      user: user || decodeURIComponent(u.username) || undefined,
      password: password || decodeURIComponent(u.password) || undefined,
      max: 5,
      connectionTimeoutMillis: 2000,
      idleTimeoutMillis: 30_000,
    });
    this.pool.on('error', () => undefined); // an idle client's error: the next query reconnects
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
