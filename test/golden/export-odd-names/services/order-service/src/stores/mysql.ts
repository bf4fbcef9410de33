// MySQL through mysql2: a small pool; readiness runs `SELECT 1`.
import mysql from 'mysql2/promise';
import type { Store } from '../stores.js';

export class MysqlStore implements Store {
  private readonly pool: mysql.Pool;

  constructor(
    readonly name: string,
    url: string,
    user: string,
    password: string,
  ) {
    const u = new URL(url);
    this.pool = mysql.createPool({
      host: u.hostname,
      port: Number(u.port || 3306),
      database: decodeURIComponent(u.pathname.slice(1)) || undefined,
      user: user || decodeURIComponent(u.username),
      password: password || decodeURIComponent(u.password),
      connectionLimit: 5,
      connectTimeout: 2000,
    });
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
