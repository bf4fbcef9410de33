// The CLI as a user runs it: a process started from a folder outside the repository.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/meshwright.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'meshwright-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name: string, text: string): string {
  writeFileSync(join(work, name), text);
  return name;
}

describe('meshwright validate', () => {
  it('accepts a valid design with exit 0', () => {
    const f = file('ok.arch.yaml', 'name: ok\nnodes:\n  api: { kind: service }\n');
    const r = run('validate', f);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('valid');
  });

  it('reports every problem at once with its place, exit 1', () => {
    const f = file(
      'broken.arch.yaml',
      [
        'name: broken',
        'nodes:',
        '  api:',
        '    kind: service',
        '    replica: 2',
        '    calls: [ { to: ghost } ]',
        '  db: { kind: database, connections: -1 }',
        '',
      ].join('\n'),
    );
    const r = run('validate', f);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'broken.arch.yaml:5:5: nodes.api: unknown field "replica" (did you mean "replicas"?); expected one of kind, label, group, image, port, servicePort, protocol, replicas, concurrency, queue, latency, errorRate, balancer, hashKey, calls, parallel, operations, autoscale, resources, env, command, args, api, versions, health',
      'broken.arch.yaml:6:20: nodes.api.calls[0].to: call target "ghost" is not a node of this design',
      'broken.arch.yaml:7:38: nodes.db.connections: expected a number >= 1, got -1',
    ]);
    expect(r.out).toBe('');
  });

  it('gives exit 1 for a syntax error and for a newer version', () => {
    expect(run('validate', file('syntax.arch.yaml', 'nodes: { a: [\n')).code).toBe(1);
    const r = run('validate', file('new.arch.yaml', 'version: 99\nname: x\n'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^new\.arch\.yaml:1:10: version: version 99 is newer/);
  });

  it('gives exit 2 for a missing file, a folder and wrong usage', () => {
    const missing = run('validate', 'nope.arch.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.arch.yaml: cannot open: no such file');
    expect(run('validate', '.').code).toBe(2);
    expect(run('validate').code).toBe(2);
    expect(run('validate', 'a', 'b').code).toBe(2);
  });
});

describe('meshwright', () => {
  it('prints help, version, and refuses unknown commands', () => {
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('meshwright validate <design>');
    expect(run('validate', '--help').out).toContain('Usage: meshwright validate');
    expect(run('--version').out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = run('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command "frobnicate"');
  });

  it('works through npm run -s cli right after npm ci', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const r = spawnSync('npm', ['run', '-s', 'cli', '--', 'validate', 'templates/e-commerce.arch.yaml'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('templates/e-commerce.arch.yaml: valid');
  });

  it('names an unknown option, and reads the design from stdin with -', () => {
    const bogus = spawnSync(process.execPath, [bin, 'validate', 'x.arch.yaml', '--bogus'], { encoding: 'utf8', cwd: work });
    expect(bogus.status).toBe(2);
    expect(bogus.stderr.split('\n')[0]).toBe('validate: unknown option --bogus');
    const r = spawnSync(process.execPath, [bin, 'validate', '-'], {
      input: 'nodes:\n  a: { kind: service, replicas: many }\n',
      encoding: 'utf8',
      cwd: work,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^-:2:\d+: /);
  });

  it('refuses a file that is not UTF-8 at its first bad byte (never replaced by U+FFFD)', () => {
    // Latin-1 "café" on line 3: the é (0xE9) is column 35.
    writeFileSync(
      join(work, 'latin1.arch.yaml'),
      Buffer.concat([Buffer.from('name: x\nnodes:\n  api: { kind: service, label: caf'), Buffer.from([0xe9]), Buffer.from(' }\n')]),
    );
    const r = run('validate', 'latin1.arch.yaml');
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(
      'latin1.arch.yaml:3:35: the file is not UTF-8: byte 0xE9 (at byte 49) is not a character; save the file as UTF-8',
    );
    // A valid multi-byte character before it counts as one column.
    writeFileSync(join(work, 'mixed.arch.yaml'), Buffer.concat([Buffer.from('name: "é'), Buffer.from([0xff]), Buffer.from('"\n')]));
    expect(run('validate', 'mixed.arch.yaml').err.split('\n')[0]).toMatch(/^mixed\.arch\.yaml:1:9: the file is not UTF-8: byte 0xFF/);
  });
});
