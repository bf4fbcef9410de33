// Elasticsearch over its HTTP API; readiness asks /_cluster/health and wants green or yellow.
import type { Store } from '../stores.js';

export class ElasticsearchStore implements Store {
  private readonly auth: string | undefined;

  constructor(
    readonly name: string,
    private readonly url: string,
    user: string,
    password: string,
  ) {
    this.auth = password ? `Basic ${Buffer.from(`${user || 'elastic'}:${password}`).toString('base64')}` : undefined;
  }

  async ping(): Promise<void> {
    const r = await fetch(new URL('/_cluster/health', this.url), {
      headers: this.auth ? { authorization: this.auth } : {},
      signal: AbortSignal.timeout(2000),
    });
    const body = (await r.json()) as { status?: string };
    if (!r.ok || (body.status !== 'green' && body.status !== 'yellow')) throw new Error(`${this.name}: ${r.status} ${body.status}`);
  }

  async close(): Promise<void> {}
}
