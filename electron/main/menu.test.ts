import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../ipc/contract.js';
import { accelerators, menuTemplate } from './menu.js';

function build(platform: NodeJS.Platform, recent: string[] = [], dev = false) {
  const commands: MenuCommand[] = [];
  const opened: string[] = [];
  let cleared = 0;
  const template = menuTemplate({
    platform,
    recent,
    dev,
    command: (c) => commands.push(c),
    openRecent: (p) => opened.push(p),
    clearRecent: () => cleared++,
  });
  return { template, commands, opened, cleared: () => cleared };
}

function flat(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
}
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as unknown as () => void)();

describe('menuTemplate', () => {
  it('has the top-level menus in order', () => {
    expect(build('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Simulate', 'E&xport', '&Help']);
    expect(build('darwin').template.map((m) => m.label)[0]).toBe('Meshwright');
  });

  it('sends every renderer command from some item', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const b = build(platform);
      const items = flat(b.template).filter((i) => MENU_COMMANDS.includes(i.id as MenuCommand));
      for (const i of items) click(i);
      expect(new Set(b.commands)).toEqual(new Set(MENU_COMMANDS));
    }
  });

  it('has the usual accelerators, none used twice', () => {
    const items = flat(build('linux').template);
    const acc = (id: string) => items.find((i) => i.id === id)?.accelerator;
    expect(acc('open')).toBe('CmdOrCtrl+O');
    expect(acc('save')).toBe('CmdOrCtrl+S');
    expect(acc('saveAs')).toBe('CmdOrCtrl+Shift+S');
    expect(acc('new')).toBe('CmdOrCtrl+Alt+N');
    expect(acc('simulate')).toBe('F5');
    for (const p of ['linux', 'darwin', 'win32'] as const) {
      const all = accelerators(build(p).template);
      expect(all.length).toBeGreaterThan(8);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('shows the keys the renderer binds without registering them (one press, one command)', () => {
    const items = flat(build('linux').template);
    expect(items.find((i) => i.id === 'undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    for (const id of ['redo', 'save', 'saveAs', 'open', 'new', 'layout', 'fitView']) {
      expect(items.find((i) => i.id === id)?.registerAccelerator, id).toBe(false);
    }
    // Keys only the menu has stay registered.
    expect(items.find((i) => i.id === 'simulate')?.registerAccelerator).toBeUndefined();
    expect(items.find((i) => i.id === 'export')).toMatchObject({ accelerator: 'CmdOrCtrl+E' });
  });

  it('lists recent files, opens them and clears the list', () => {
    const b = build('linux', ['/d/a&b.arch.yaml', '/d/c.arch.yaml']);
    const items = flat(b.template);
    expect(items.find((i) => i.id === 'recent.0')?.label).toBe('a&&b.arch.yaml  \u2014  /d/a&&b.arch.yaml');
    click(items.find((i) => i.id === 'recent.1'));
    expect(b.opened).toEqual(['/d/c.arch.yaml']);
    click(items.find((i) => i.id === 'recent.clear'));
    expect(b.cleared()).toBe(1);
    expect(flat(build('linux').template).find((i) => i.label === 'No Recent Files')?.enabled).toBe(false);
  });

  it('offers developer tools only in development', () => {
    expect(flat(build('linux').template).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flat(build('linux', [], true).template).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
