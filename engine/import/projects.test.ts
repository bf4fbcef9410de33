// Two unrelated compose projects in one parent folder (test/fixtures/import/two-projects: a shop
// with nginx, an API, Postgres and Redis; a Ghost blog with MySQL and a compose.override.yaml)
// are two systems, as docker compose runs them: each on its own network, so the blog's `db` is
// not the shop's. Same-named services stay apart as <project>-<service>, grouped by project; the
// files of one project still merge.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edges, parseDesign } from '../index.js';
import { composeProject, importSystem, type ImportFile } from './index.js';

const DIR = 'test/fixtures/import/two-projects';
const FILES = ['blog/compose.override.yaml', 'blog/compose.yaml', 'shop/docker-compose.yml'];
const file = (p: string, path = `${DIR}/${p}`): ImportFile => ({
  path,
  text: readFileSync(join(import.meta.dirname, '../..', DIR, p), 'utf8'),
});

describe('two compose projects in one folder', () => {
  const r = importSystem(
    FILES.map((f) => file(f)),
    { name: 'two-projects' },
  );
  const d = r.design!;
  const calls = () =>
    edges(d)
      .filter((e) => e.kind === 'call' || e.kind === 'route')
      .map((e) => `${e.from} -> ${e.to}`)
      .sort();
  it('imports a design that validates, without problems', () => {
    expect(r.problems).toEqual([]);
    expect(r.invalid).toBeUndefined();
    expect(parseDesign(r.text!, 'again.arch.yaml').design).toEqual(d);
    expect(d.name).toBe('two-projects');
  });
  it('keeps same-named services apart as <project>-<service>; other names stay as written', () => {
    expect(Object.keys(d.nodes).sort()).toEqual([
      'api',
      'blog-db',
      'blog-web',
      'blog-web-users',
      'cache',
      'shop-db',
      'shop-web',
      'shop-web-users',
    ]);
    expect(d.nodes['shop-db']).toMatchObject({ kind: 'database', engine: 'postgres', image: 'postgres:16' });
    expect(d.nodes['blog-db']).toMatchObject({ kind: 'database', engine: 'mysql', image: 'mysql:8.0' });
    expect(d.nodes['blog-web']).toMatchObject({ image: 'ghost:5-alpine', port: 2368 });
    expect(d.nodes['shop-web']).toMatchObject({ image: 'nginx:1.27-alpine', port: 80 });
  });
  it("resolves each project's hosts in that project: no call crosses from one system to the other", () => {
    expect(calls()).toEqual(['api -> cache', 'api -> shop-db', 'blog-web -> blog-db', 'shop-web -> api']);
  });
  it('groups the nodes by project and says why a node was renamed', () => {
    const groups = Object.fromEntries(
      Object.entries(d.nodes)
        .filter(([, n]) => n.kind !== 'client')
        .map(([id, n]) => [id, n.group]),
    );
    expect(groups).toEqual({ 'blog-web': 'blog', 'blog-db': 'blog', 'shop-web': 'shop', api: 'shop', 'shop-db': 'shop', cache: 'shop' });
    expect(d.notes['shop-db']).toContain(
      'service "db" of compose project "shop", named shop-db: compose project "blog" has a "db" too (another system: its own network)',
    );
    expect(r.unmapped.filter((u) => u.message.includes('named blog-web'))).toHaveLength(1);
  });
  it("merges the files of one project (the blog's override file) as compose does", () => {
    expect(d.nodes['blog-web']).toMatchObject({ replicas: 2, env: { NODE_ENV: 'development', database__client: 'mysql' } });
  });
  it('one project (or a top-level name two files share) is imported as before: names as written, no groups', () => {
    const one = importSystem([file('shop/docker-compose.yml')]).design!;
    expect(Object.keys(one.nodes).sort()).toEqual(['api', 'cache', 'db', 'users', 'web']);
    expect(Object.values(one.nodes).every((n) => n.group === undefined)).toBe(true);
    const named = (p: string) => ({ ...file(p), text: `name: demo\n${file(p).text}` });
    const same = importSystem([named('blog/compose.yaml'), named('shop/docker-compose.yml')]).design!;
    expect(Object.keys(same.nodes)).toContain('web');
    expect(Object.keys(same.nodes)).not.toContain('shop-web');
  });
  it('names a project as docker compose does: its name, else its folder, lower case', () => {
    expect(composeProject(undefined, 'apps/My Shop/docker-compose.yml')).toBe('myshop');
    expect(composeProject('Blog', 'x/compose.yaml')).toBe('blog');
    expect(composeProject(undefined, 'C:\\src\\blog\\compose.yaml')).toBe('blog');
    expect(composeProject(undefined, 'compose.yaml')).toBe('default');
  });
});
