// The queues and topics this service publishes to or consumes from, on their brokers' standard
// clients. A message whose handling fails is tried up to maxDeliveries times, then sent to the
// channel's dead-letter channel when the design has one, else dropped and logged.
import { env, SERVICE } from './config.js';
import { log, within } from './runtime.js';
import { KafkaBroker } from './brokers/kafka.js';

export interface Broker {
  readonly name: string;
  connected(): boolean;
  /** one round trip to the broker (PING, a flush, a passive declare); rejects when it fails */
  ping(): Promise<void>;
  start(): void;
  publish(channel: string, kind: 'queue' | 'topic', message: Buffer): Promise<void>;
  consume(channel: string, kind: 'queue' | 'topic', group: string, handler: (message: Buffer) => Promise<void>): void;
  stop(): Promise<void>;
}

const brokers = {
  kafka: new KafkaBroker("kafka", env.KAFKA_URL),
};

const channels: Record<string, { broker: Broker; kind: 'queue' | 'topic' }> = {
  "order-events": { broker: brokers.kafka, kind: "topic" },
};

export async function publish(channel: string, message: unknown): Promise<void> {
  const c = channels[channel];
  if (!c) throw new Error(`unknown channel ${channel}`);
  await c.broker.publish(channel, c.kind, Buffer.from(JSON.stringify(message)));
}

/** TODO: the business logic for each consumed message. */
async function handleMessage(channel: string, message: Buffer): Promise<void> {
  log('info', 'message', { channel, bytes: message.length });
}

function consume(channel: string, maxDeliveries: number, dlq: string | undefined): void {
  const c = channels[channel]!;
  c.broker.consume(channel, c.kind, SERVICE, async (message) => {
    for (let delivery = 1; ; delivery++) {
      try {
        return await handleMessage(channel, message);
      } catch (e) {
        if (delivery < maxDeliveries) continue;
        log('warn', dlq ? 'dead-lettered' : 'dropped', { channel, deliveries: delivery, error: String(e) });
        if (dlq) await publish(dlq, { channel, message: message.toString('utf8'), error: String(e) });
        return;
      }
    }
  });
}

export function startMessaging(): void {
  for (const b of Object.values(brokers)) b.start();
}

export async function brokersReady(): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.values(brokers).map(async (b: Broker) => [b.name, await within(b.ping(), 1500).then(() => true, () => false)] as const),
  );
  return Object.fromEntries(entries);
}

export async function stopMessaging(): Promise<void> {
  await Promise.allSettled(Object.values(brokers).map((b) => b.stop()));
}
