import { describe, expect, it } from 'vitest';
import { fileTree } from './fileTree';

describe('the export list as a folder tree', () => {
  it('groups paths by folder, folders and files sorted, with counts', () => {
    const t = fileTree(['k8s/gateway.yaml', 'README.md', 'k8s/base/api.yaml', 'k8s/base/db.yaml', 'istio/vs.yaml']);
    expect(t.count).toBe(5);
    expect(t.files.map((f) => f.path)).toEqual(['README.md']);
    expect(t.folders.map((f) => [f.path, f.count])).toEqual([
      ['istio', 1],
      ['k8s', 3],
    ]);
    const k8s = t.folders[1]!;
    expect(k8s.folders[0]).toMatchObject({ name: 'base', path: 'k8s/base', count: 2 });
    expect(k8s.folders[0]!.files.map((f) => f.name)).toEqual(['api.yaml', 'db.yaml']);
    expect(k8s.files).toEqual([{ name: 'gateway.yaml', path: 'k8s/gateway.yaml' }]);
  });
});
