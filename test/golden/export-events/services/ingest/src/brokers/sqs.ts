// SQS: no SQS client ships with the stub (add @aws-sdk/client-sqs when you deploy to AWS); this
// placeholder checks the endpoint (ElasticMQ locally) and logs what would be sent.
import type { Broker } from '../messaging.js';
import { log, reachable } from '../runtime.js';

export class SqsBroker implements Broker {
  private ok = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly url: string,
  ) {}

  connected(): boolean {
    return this.ok;
  }

  async ping(): Promise<void> {
    if (!this.ok) throw new Error(`${this.name} not reachable`);
  }

  start(): void {
    const check = async () => {
      this.ok = await reachable(this.url);
    };
    void check();
    this.timer = setInterval(() => void check(), 5000);
    this.timer.unref();
  }

  async publish(channel: string, _kind: 'queue' | 'topic', message: Buffer): Promise<void> {
    // TODO: SendMessageCommand from @aws-sdk/client-sqs
    log('info', 'would send to SQS', { channel, bytes: message.length });
  }

  consume(channel: string): void {
    // TODO: ReceiveMessageCommand long-polling loop from @aws-sdk/client-sqs
    log('info', 'SQS consumer not implemented', { channel });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }
}
