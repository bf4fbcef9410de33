// RabbitMQ through amqplib: a queue is a durable queue (competing consumers); a topic is a fanout
// exchange with one queue per consuming service. Reconnects every 5 s in the background.
import amqp from 'amqplib';
import type { Channel, ChannelModel } from 'amqplib';
import type { Broker } from '../messaging.js';
import { log } from '../runtime.js';

export class RabbitmqBroker implements Broker {
  private conn: ChannelModel | undefined;
  private channel: Channel | undefined;
  private readonly wanted: { channel: string; kind: 'queue' | 'topic'; group: string; handler: (m: Buffer) => Promise<void> }[] = [];
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly url: string,
  ) {}

  connected(): boolean {
    return this.channel !== undefined;
  }

  async ping(): Promise<void> {
    if (!this.channel) throw new Error(`${this.name} not connected`);
    await this.channel.checkExchange('amq.fanout'); // a passive declare the broker answers
  }

  start(): void {
    void this.connect();
  }

  private retry(e: unknown): void {
    this.channel = undefined;
    if (this.stopped) return;
    log('warn', 'broker unavailable, retrying in 5s', { broker: this.name, error: String(e) });
    this.timer = setTimeout(() => void this.connect(), 5000);
    this.timer.unref();
  }

  private async connect(): Promise<void> {
    try {
      this.conn = await amqp.connect(this.url);
      this.conn.on('close', () => this.retry('connection closed'));
      this.conn.on('error', () => undefined);
      this.channel = await this.conn.createChannel();
      for (const w of this.wanted) await this.subscribe(w.channel, w.kind, w.group, w.handler);
      log('info', 'broker connected', { broker: this.name });
    } catch (e) {
      this.retry(e);
    }
  }

  async publish(channel: string, kind: 'queue' | 'topic', message: Buffer): Promise<void> {
    const ch = this.channel;
    if (!ch) throw new Error(`${this.name} not connected`);
    if (kind === 'queue') {
      await ch.assertQueue(channel, { durable: true });
      ch.sendToQueue(channel, message, { persistent: true });
    } else {
      await ch.assertExchange(channel, 'fanout', { durable: true });
      ch.publish(channel, '', message, { persistent: true });
    }
  }

  consume(channel: string, kind: 'queue' | 'topic', group: string, handler: (m: Buffer) => Promise<void>): void {
    this.wanted.push({ channel, kind, group, handler });
    if (this.channel) void this.subscribe(channel, kind, group, handler);
  }

  private async subscribe(channel: string, kind: 'queue' | 'topic', group: string, handler: (m: Buffer) => Promise<void>): Promise<void> {
    const ch = this.channel!;
    let queue = channel;
    if (kind === 'topic') {
      await ch.assertExchange(channel, 'fanout', { durable: true });
      queue = `${channel}.${group}`;
      await ch.assertQueue(queue, { durable: true });
      await ch.bindQueue(queue, channel, '');
    } else await ch.assertQueue(queue, { durable: true });
    await ch.consume(queue, (msg) => {
      if (!msg) return;
      handler(msg.content).then(
        () => ch.ack(msg),
        () => ch.nack(msg, false, false),
      );
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.conn?.close().catch(() => undefined);
  }
}
