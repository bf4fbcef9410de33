// Redis through ioredis: a topic is pub/sub (every subscriber gets a copy), a queue a list worked
// with BRPOP (one consumer gets each message). Commands fail fast while Redis is away.
import { Redis } from 'ioredis';
import type { Broker } from '../messaging.js';
import { log } from '../runtime.js';

export class RedisBroker implements Broker {
  private readonly pub: Redis;
  private readonly subs: Redis[] = [];
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly url: string,
  ) {
    this.pub = this.client();
  }

  private client(): Redis {
    const r = new Redis(this.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 5000 });
    r.on('error', (e: Error) => log('debug', 'broker error', { broker: this.name, error: String(e) }));
    return r;
  }

  connected(): boolean {
    return this.pub.status === 'ready';
  }

  async ping(): Promise<void> {
    if ((await this.pub.ping()) !== 'PONG') throw new Error(`${this.name}: no PONG`);
  }

  start(): void {
    this.pub.connect().catch((e: unknown) => log('warn', 'broker unavailable, retrying in 5s', { broker: this.name, error: String(e) }));
  }

  async publish(channel: string, kind: 'queue' | 'topic', message: Buffer): Promise<void> {
    if (kind === 'topic') await this.pub.publish(channel, message);
    else await this.pub.lpush(channel, message);
  }

  consume(channel: string, kind: 'queue' | 'topic', _group: string, handler: (m: Buffer) => Promise<void>): void {
    const sub = this.client();
    this.subs.push(sub);
    sub.connect().catch(() => undefined);
    if (kind === 'topic') {
      // Subscribing is replayed by ioredis after every reconnect.
      sub.on('ready', () => void sub.subscribe(channel).catch(() => undefined));
      sub.on('messageBuffer', (_ch: Buffer, message: Buffer) => void handler(message));
      return;
    }
    const loop = async (): Promise<void> => {
      while (!this.stopped) {
        try {
          const item = await sub.brpopBuffer(channel, 1);
          if (item) await handler(item[1]);
        } catch {
          await new Promise((r) => setTimeout(r, 1000).unref());
        }
      }
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const r of [this.pub, ...this.subs]) r.disconnect();
  }
}
