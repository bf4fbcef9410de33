// Redis (a database or a cache) through ioredis; readiness sends PING and wants PONG.
import { Redis } from 'ioredis';
import type { Store } from '../stores.js';

export class RedisStore implements Store {
  readonly client: Redis;

  constructor(
    readonly name: string,
    url: string,
  ) {
    this.client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 2000 });
    this.client.on('error', () => undefined); // reported through readiness
    this.client.connect().catch(() => undefined);
  }

  async ping(): Promise<void> {
    const r = await this.client.ping();
    if (r !== 'PONG') throw new Error(`${this.name} answered ${r}`);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
