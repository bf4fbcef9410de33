// What the app remembers between runs, in its user-data folder: window bounds and recent files
// (state.json) and unsaved work (recovery.json). Files are written atomically and read
// defensively: a corrupt or hand-edited file falls back to defaults instead of crashing startup.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Rectangle } from 'electron';
import { atomicWrite } from './atomic.js';
import { RECENT_CAP } from './recent.js';
import { MAX_TEXT } from '../ipc/contract.js';

export interface AppState {
  bounds: Rectangle | null;
  maximized: boolean;
  recent: string[];
}

export const DEFAULT_STATE: AppState = { bounds: null, maximized: false, recent: [] };

export function parseState(json: unknown): AppState {
  if (typeof json !== 'object' || json === null) return { ...DEFAULT_STATE };
  const o = json as Record<string, unknown>;
  const b = o.bounds as Record<string, unknown> | null | undefined;
  const bounds =
    b && ['x', 'y', 'width', 'height'].every((k) => typeof b[k] === 'number' && Number.isFinite(b[k]))
      ? { x: b.x as number, y: b.y as number, width: b.width as number, height: b.height as number }
      : null;
  const recent = Array.isArray(o.recent)
    ? o.recent.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length < 4096).slice(0, RECENT_CAP)
    : [];
  return { bounds, maximized: o.maximized === true, recent };
}

export class StateStore {
  constructor(private readonly dir: string) {}

  private get statePath() {
    return join(this.dir, 'state.json');
  }
  private get recoveryPath() {
    return join(this.dir, 'recovery.json');
  }

  async load(): Promise<AppState> {
    try {
      return parseState(JSON.parse(await fs.readFile(this.statePath, 'utf8')));
    } catch {
      return { ...DEFAULT_STATE };
    }
  }

  async save(state: AppState): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await atomicWrite(this.statePath, JSON.stringify(state, null, 2));
  }

  async saveRecovery(text: string, name: string): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await atomicWrite(this.recoveryPath, JSON.stringify({ version: 1, name, text }));
  }

  async loadRecovery(): Promise<{ text: string; name: string } | null> {
    let raw: string;
    try {
      raw = await fs.readFile(this.recoveryPath, 'utf8');
    } catch {
      return null;
    }
    try {
      const o = JSON.parse(raw) as Record<string, unknown>;
      if (o.version === 1 && typeof o.text === 'string' && typeof o.name === 'string' && o.text.length <= MAX_TEXT) {
        return { text: o.text, name: o.name };
      }
    } catch {
      // fall through: unreadable recovery is moved aside, not silently lost
    }
    await fs.rename(this.recoveryPath, `${this.recoveryPath}.corrupt`).catch(() => undefined);
    return null;
  }

  async clearRecovery(): Promise<void> {
    await fs.rm(this.recoveryPath, { force: true });
  }
}
