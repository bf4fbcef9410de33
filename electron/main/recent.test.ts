import { describe, expect, it } from 'vitest';
import { addRecent, pruneMissing, RECENT_CAP, removeRecent, samePath } from './recent.js';

describe('recent files', () => {
  it('puts the newest first and removes duplicates', () => {
    let list: string[] = [];
    list = addRecent(list, '/d/a.arch.yaml');
    list = addRecent(list, '/d/b.arch.yaml');
    list = addRecent(list, '/d/a.arch.yaml');
    expect(list).toEqual(['/d/a.arch.yaml', '/d/b.arch.yaml']);
  });
  it('treats two spellings of one path as one', () => {
    expect(addRecent(['/d/a.arch.yaml'], '/d/x/../a.arch.yaml')).toEqual(['/d/a.arch.yaml']);
    expect(addRecent(['/D/A.arch.yaml'], '/d/a.arch.yaml', { platform: 'darwin' })).toEqual(['/d/a.arch.yaml']);
    expect(addRecent(['/D/A.arch.yaml'], '/d/a.arch.yaml', { platform: 'linux' })).toHaveLength(2);
    expect(samePath('C:\\A.yaml', 'c:\\a.yaml', 'win32')).toBe(true);
  });
  it('caps the list', () => {
    let list: string[] = [];
    for (let i = 0; i < RECENT_CAP + 5; i++) list = addRecent(list, `/d/${i}.arch.yaml`);
    expect(list).toHaveLength(RECENT_CAP);
    expect(list[0]).toBe(`/d/${RECENT_CAP + 4}.arch.yaml`);
    expect(addRecent(list, '/d/new.arch.yaml', { cap: 3 })).toHaveLength(3);
  });
  it('drops missing files, keeping the order', async () => {
    const present = new Set(['/a', '/c']);
    expect(await pruneMissing(['/a', '/b', '/c'], async (p) => present.has(p))).toEqual(['/a', '/c']);
    expect(removeRecent(['/a', '/b'], '/a')).toEqual(['/b']);
  });
});
