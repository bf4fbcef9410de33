// Real servers from Debian for the stub tests, on loopback ports of our own: redis-server,
// nats-server and PostgreSQL (initdb + postgres in a temporary folder, as the postgres user when
// we are root, since PostgreSQL refuses to run as root). Each is found on PATH or in Debian's
// versioned folder; a missing one is reported by name so the test can skip and say why.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Server {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  for (const dir of ['/usr/sbin', '/usr/bin']) if (existsSync(join(dir, cmd))) return join(dir, cmd);
  return undefined;
}

function pgBin(cmd: string): string | undefined {
  const base = '/usr/lib/postgresql';
  if (existsSync(base))
    for (const v of readdirSync(base).sort().reverse()) if (existsSync(join(base, v, 'bin', cmd))) return join(base, v, 'bin', cmd);
  return which(cmd);
}

/** The servers that are missing on this machine (empty when all are there). */
export function missingServers(): string[] {
  const missing: string[] = [];
  if (!which('redis-server')) missing.push('redis-server (Debian: redis-server)');
  if (!which('nats-server')) missing.push('nats-server (Debian: nats-server)');
  if (!pgBin('initdb') || !pgBin('postgres')) missing.push('PostgreSQL (Debian: postgresql)');
  return missing;
}

async function waitPort(port: number, child: ChildProcess, logs: string[], what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode}:\n${logs.join('')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on ${port}:\n${logs.join('')}`);
}

function run(cmd: string, args: string[], opts: { uid?: number; gid?: number } = {}) {
  const logs: string[] = [];
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  child.stdout!.on('data', (d: Buffer) => logs.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { child, logs, stop };
}

export async function startRedis(port: number): Promise<Server> {
  const r = run(which('redis-server')!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitPort(port, r.child, r.logs, 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, port, stop: r.stop };
}

export async function startNats(port: number): Promise<Server> {
  const r = run(which('nats-server')!, ['-a', '127.0.0.1', '-p', String(port)]);
  await waitPort(port, r.child, r.logs, 'nats-server');
  return { url: `nats://127.0.0.1:${port}`, port, stop: r.stop };
}

/** A PostgreSQL cluster with user `user` (trust auth on loopback) and the given databases. */
export async function startPostgres(port: number, user: string, databases: string[]): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'meshwright-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  let ids: { uid?: number; gid?: number } = {};
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    ids = { uid: id('-u'), gid: id('-g') };
    if (!Number.isFinite(ids.uid)) throw new Error('running as root and there is no postgres user to run PostgreSQL as');
  }
  const init = spawnSync(pgBin('initdb')!, ['-D', data, '-U', user, '--auth=trust', '--no-sync', '-E', 'UTF8'], {
    encoding: 'utf8',
    ...ids,
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const r = run(
    pgBin('postgres')!,
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    ids,
  );
  await waitPort(port, r.child, r.logs, 'postgres');
  const psql = pgBin('psql') ?? 'psql';
  for (const db of databases) {
    for (let i = 0; i < 50; i++) {
      const c = spawnSync(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', 'postgres', '-c', `CREATE DATABASE ${db}`], {
        encoding: 'utf8',
      });
      if (c.status === 0) break;
      if (i === 49) throw new Error(`CREATE DATABASE ${db}: ${c.stderr}`);
      await new Promise((res) => setTimeout(res, 100)); // still starting up
    }
  }
  return {
    url: `postgres://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await r.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
