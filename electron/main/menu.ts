// The native menu as a pure template: File, Edit, View, Simulate, Export, Help (plus the app menu
// on macOS). Items that the renderer implements send it a MenuCommand; text editing uses
// Electron's roles so inputs and Monaco behave natively.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuCommand } from '../ipc/contract.js';

export interface MenuInput {
  platform: NodeJS.Platform;
  recent: readonly string[];
  /** Development builds get Reload and the developer tools. */
  dev: boolean;
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

export function menuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const cmd = (id: MenuCommand, label: string, accelerator?: string, extra: Partial<MenuItemConstructorOptions> = {}) =>
    ({ id, label, ...(accelerator ? { accelerator } : {}), click: () => input.command(id), ...extra }) satisfies MenuItemConstructorOptions;
  // The renderer binds these keys itself (it must, in a browser) and calls preventDefault. The menu
  // shows the same keys but does not register them, so one key press runs the command once, and
  // keys like Shift+1 still type "!" in text fields. (registerAccelerator is honoured on Windows
  // and Linux; on macOS the page's preventDefault keeps the menu from firing too.)
  const inRenderer = { registerAccelerator: false };

  const recentItems: MenuItemConstructorOptions[] =
    input.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : [
          ...input.recent.map((p, i) => ({
            id: `recent.${i}`,
            // "&" would turn the next letter into a mnemonic on Windows and Linux.
            label: `${basename(p).replace(/&/g, '&&')}  \u2014  ${p.replace(/&/g, '&&')}`,
            click: () => input.openRecent(p),
          })),
          { type: 'separator' },
          { id: 'recent.clear', label: 'Clear Recent', click: () => input.clearRecent() },
        ];

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'Meshwright',
      submenu: [
        cmd('about', 'About Meshwright'),
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        cmd('new', 'New from Template\u2026', 'CmdOrCtrl+Alt+N', inRenderer),
        cmd('open', 'Open\u2026', 'CmdOrCtrl+O', inRenderer),
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        cmd('save', 'Save', 'CmdOrCtrl+S', inRenderer),
        cmd('saveAs', 'Save As\u2026', 'CmdOrCtrl+Shift+S', inRenderer),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit', label: 'Exit', accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Undo/redo are the design's history (the renderer's); text fields and Monaco keep their own.
        cmd('undo', 'Undo', 'CmdOrCtrl+Z', inRenderer),
        cmd('redo', 'Redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y', inRenderer),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        cmd('layout', 'Auto Layout', 'CmdOrCtrl+Shift+L', inRenderer),
        cmd('fitView', 'Fit to Window', 'Shift+1', inRenderer),
        { type: 'separator' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(input.dev ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    {
      label: '&Simulate',
      submenu: [cmd('simulate', 'Run Simulation', 'F5'), cmd('review', 'Review Design', 'F7')],
    },
    {
      label: 'E&xport',
      submenu: [cmd('export', 'Export\u2026', 'CmdOrCtrl+E')],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        cmd('shortcuts', 'Keyboard Shortcuts', 'CmdOrCtrl+/'),
        ...(mac ? [] : ([{ type: 'separator' }, cmd('about', 'About Meshwright')] as MenuItemConstructorOptions[])),
      ],
    },
  );
  return template;
}

/** Every accelerator in a template, to catch two items fighting over one key. */
export function accelerators(template: readonly MenuItemConstructorOptions[]): string[] {
  const out: string[] = [];
  const walk = (items: readonly MenuItemConstructorOptions[]) => {
    for (const item of items) {
      if (typeof item.accelerator === 'string') out.push(item.accelerator);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template);
  return out;
}
