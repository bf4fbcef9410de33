// MongoDB through the official driver; readiness runs the `ping` command.
import { MongoClient } from 'mongodb';
import type { Store } from '../stores.js';

export class MongodbStore implements Store {
  private readonly client: MongoClient;
  private readonly db: string;

  constructor(
    readonly name: string,
    url: string,
    user: string,
    password: string,
  ) {
    const u = new URL(url);
    this.db = decodeURIComponent(u.pathname.slice(1)) || 'admin';
    this.client = new MongoClient(`mongodb://${u.host}`, {
      ...(user ? { auth: { username: user, password }, authSource: 'admin' } : {}),
      serverSelectionTimeoutMS: 2000,
      connectTimeoutMS: 2000,
    });
  }

  async ping(): Promise<void> {
    await this.client.db(this.db).command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
