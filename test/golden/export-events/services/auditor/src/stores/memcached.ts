// Memcached: readiness sends the text protocol's `version` command and wants `VERSION ...` back
// (a round trip; the stub ships no memcached client: add one for the business logic).
import { connect } from 'node:net';
import type { Store } from '../stores.js';

export class MemcachedStore implements Store {
  constructor(
    readonly name: string,
    private readonly url: string,
  ) {}

  ping(): Promise<void> {
    const u = new URL(this.url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: u.hostname, port: Number(u.port || 11211) });
      let got = '';
      const done = (e?: Error) => {
        socket.destroy();
        if (e) reject(e);
        else resolve();
      };
      socket.setTimeout(2000, () => done(new Error(`${this.name}: no answer`)));
      socket.once('error', done);
      socket.once('connect', () => socket.write('version\r\n'));
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
        if (got.includes('\r\n')) done(got.startsWith('VERSION ') ? undefined : new Error(`${this.name} answered ${got.trim()}`));
      });
    });
  }

  async close(): Promise<void> {}
}
