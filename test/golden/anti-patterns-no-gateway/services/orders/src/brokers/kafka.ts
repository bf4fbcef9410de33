// Kafka through kafkajs. Connects in the background and retries every 5 s, so a service starts
// and serves without Kafka (its readiness says not ready); publishing fails fast meanwhile.
import kafkajs from 'kafkajs';
import type { Consumer, Producer } from 'kafkajs';
import type { Broker } from '../messaging.js';
import { log } from '../runtime.js';

const { Kafka, logLevel } = kafkajs;

export class KafkaBroker implements Broker {
  private readonly kafka: InstanceType<typeof Kafka>;
  private producer: Producer | undefined;
  private readonly consumers: Consumer[] = [];
  private readonly pending: { channel: string; group: string; handler: (m: Buffer) => Promise<void> }[] = [];
  private ok = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    url: string,
  ) {
    const brokers = url.split(',').map((u) => u.replace(/^[a-z]+:\/\//, ''));
    this.kafka = new Kafka({ clientId: name, brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000 });
  }

  connected(): boolean {
    return this.ok;
  }

  async ping(): Promise<void> {
    if (!this.ok) throw new Error(`${this.name} not connected`);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster(); // a metadata request the broker answers
    } finally {
      await admin.disconnect();
    }
  }

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      const producer = this.kafka.producer();
      await producer.connect();
      this.producer = producer;
      for (const p of this.pending.splice(0)) await this.subscribe(p.channel, p.group, p.handler);
      this.ok = true;
      log('info', 'broker connected', { broker: this.name });
    } catch (e) {
      log('warn', 'broker unavailable, retrying in 5s', { broker: this.name, error: String(e) });
      this.timer = setTimeout(() => void this.connect(), 5000);
      this.timer.unref();
    }
  }

  async publish(channel: string, _kind: 'queue' | 'topic', message: Buffer): Promise<void> {
    if (!this.producer || !this.ok) throw new Error(`${this.name} not connected`);
    await this.producer.send({ topic: channel, messages: [{ value: message }] });
  }

  consume(channel: string, _kind: 'queue' | 'topic', group: string, handler: (m: Buffer) => Promise<void>): void {
    if (this.ok) void this.subscribe(channel, group, handler);
    else this.pending.push({ channel, group, handler });
  }

  private async subscribe(channel: string, group: string, handler: (m: Buffer) => Promise<void>): Promise<void> {
    // One consumer group per service: every consuming service gets its own copy of each message.
    const consumer = this.kafka.consumer({ groupId: `${group}.${channel}` });
    await consumer.connect();
    await consumer.subscribe({ topic: channel });
    await consumer.run({ eachMessage: async ({ message }) => handler(message.value ?? Buffer.alloc(0)) });
    this.consumers.push(consumer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.consumers.map((c) => c.disconnect()), this.producer?.disconnect()]);
  }
}
