// Cassandra through the DataStax driver; readiness reads system.local.
import cassandra from 'cassandra-driver';
import type { Store } from '../stores.js';

export class CassandraStore implements Store {
  private readonly client: cassandra.Client;

  constructor(
    readonly name: string,
    url: string,
  ) {
    const u = new URL(url);
    this.client = new cassandra.Client({
      contactPoints: [`${u.hostname}:${u.port || 9042}`],
      localDataCenter: process.env.CASSANDRA_DC ?? 'datacenter1',
      socketOptions: { connectTimeout: 2000, readTimeout: 2000 },
    });
  }

  async ping(): Promise<void> {
    await this.client.execute('SELECT release_version FROM system.local');
  }

  async close(): Promise<void> {
    await this.client.shutdown();
  }
}
