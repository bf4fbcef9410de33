// NATS through the nats client: a topic delivers one copy per consuming service (a queue group
// named after the service), a queue one copy in all (a queue group named after the queue).
import { connect, type NatsConnection } from 'nats';
import type { Broker } from '../messaging.js';
import { log } from '../runtime.js';

export class NatsBroker implements Broker {
  private nc: NatsConnection | undefined;
  private readonly wanted: { channel: string; queue: string; handler: (m: Buffer) => Promise<void> }[] = [];
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly url: string,
  ) {}

  connected(): boolean {
    return this.nc !== undefined && !this.nc.isClosed();
  }

  async ping(): Promise<void> {
    if (!this.connected()) throw new Error(`${this.name} not connected`);
    await this.nc!.flush(); // a PING the server answers with PONG
  }

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      this.nc = await connect({ servers: this.url.replace(/^nats:\/\//, ''), reconnect: true, maxReconnectAttempts: -1 });
      for (const w of this.wanted) this.subscribe(w.channel, w.queue, w.handler);
      log('info', 'broker connected', { broker: this.name });
    } catch (e) {
      log('warn', 'broker unavailable, retrying in 5s', { broker: this.name, error: String(e) });
      this.timer = setTimeout(() => void this.connect(), 5000);
      this.timer.unref();
    }
  }

  async publish(channel: string, _kind: 'queue' | 'topic', message: Buffer): Promise<void> {
    if (!this.connected()) throw new Error(`${this.name} not connected`);
    this.nc!.publish(channel, message);
  }

  consume(channel: string, kind: 'queue' | 'topic', group: string, handler: (m: Buffer) => Promise<void>): void {
    const queue = kind === 'queue' ? channel : group;
    this.wanted.push({ channel, queue, handler });
    if (this.connected()) this.subscribe(channel, queue, handler);
  }

  private subscribe(channel: string, queue: string, handler: (m: Buffer) => Promise<void>): void {
    this.nc!.subscribe(channel, {
      queue,
      callback: (err, msg) => {
        if (err) return log('warn', 'subscription error', { channel, error: String(err) });
        void handler(Buffer.from(msg.data));
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.nc?.drain().catch(() => undefined);
  }
}
