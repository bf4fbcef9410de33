import { readFileSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../ipc/contract.js';
import { Desktop, FileAccessDenied, PENDING_OPEN_MS } from './desktop.js';
import { StateStore, DEFAULT_STATE } from './state.js';
import { useTempDirs } from './testDirs.js';

const tempDir = useTempDirs();
const settle = () => new Promise((r) => setTimeout(r, 10));

function setup(answers: { open?: string | null; save?: string | null; folder?: string | null } = {}) {
  const dir = tempDir();
  const userData = join(dir, 'userData');
  const store = new StateStore(userData);
  const sent: MenuCommand[] = [];
  const titles: { name: string; dirty: boolean }[] = [];
  const asked: string[] = [];
  let closed = 0;
  let clock = 1_000;
  const confirms: [string, string][] = [];
  let confirmAnswer = true;
  const timers: (() => void)[] = [];
  const desktop = new Desktop({
    store,
    state: { ...DEFAULT_STATE, recent: [] },
    dialogs: {
      open: async () => (asked.push('open'), answers.open ?? null),
      save: async (name) => (asked.push(`save:${name}`), answers.save ?? null),
      folder: async () => (asked.push('folder'), answers.folder ?? null),
    },
    sendMenuCommand: (c) => sent.push(c),
    setDocumentState: (s) => titles.push(s),
    closeWindow: () => closed++,
    confirmDiscard: async (current, next) => (confirms.push([current, next]), confirmAnswer),
    later: (_ms, fn) => (timers.push(fn), () => timers.splice(timers.indexOf(fn), 1)),
    now: () => clock,
  });
  return {
    dir,
    store,
    desktop,
    sent,
    titles,
    asked,
    closed: () => closed,
    tick: (ms: number) => (clock += ms),
    confirms,
    answer: (ok: boolean) => (confirmAnswer = ok),
    fireTimers: () => timers.splice(0).forEach((f) => f()),
    /** The renderer has started: listens for commands and reported its first document. */
    rendererUp: (doc = { name: 'shop.arch.yaml', dirty: false }) => {
      desktop.menuListenerReady();
      desktop.setDocumentState(doc);
    },
  };
}

describe('Desktop: open and save', () => {
  it('opens what the dialog picked, remembers it, and saves it in place without asking again', async () => {
    const t = setup();
    const file = join(t.dir, 'shop.arch.yaml');
    writeFileSync(file, 'name: shop');
    const d = setup({ open: file });
    const opened = await d.desktop.open();
    expect(opened).toEqual({ path: file, name: 'shop.arch.yaml', text: 'name: shop' });
    expect(await d.desktop.recentFiles()).toEqual([file]);
    const saved = await d.desktop.save({ path: file, name: 'shop.arch.yaml', text: 'name: shop2' });
    expect(saved).toEqual({ path: file, name: 'shop.arch.yaml' });
    expect(readFileSync(file, 'utf8')).toBe('name: shop2');
    expect(d.asked).toEqual(['open']);
  });

  it('returns null when the dialogs are cancelled', async () => {
    const t = setup();
    expect(await t.desktop.open()).toBeNull();
    expect(await t.desktop.save({ path: null, name: 'x', text: '' })).toBeNull();
    expect(await t.desktop.chooseFolder('export')).toBeNull();
  });

  it('asks where to save a path the user never chose (a renderer cannot pick targets)', async () => {
    const t = setup();
    const elsewhere = join(t.dir, 'elsewhere.arch.yaml');
    const victim = join(t.dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const d = setup({ save: elsewhere });
    const saved = await d.desktop.save({ path: victim, name: 'victim.txt', text: 'pwned' });
    expect(saved?.path).toBe(elsewhere);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(d.asked).toEqual(['save:victim.txt.arch.yaml']);
  });

  it('Save As always asks, and adds the design extension GTK leaves off', async () => {
    const t = setup();
    const target = join(t.dir, 'copy');
    const d = setup({ save: target });
    const saved = await d.desktop.save({ path: null, name: 'shop.arch.yaml', text: 'x' }, { saveAs: true });
    expect(saved).toEqual({ path: `${target}.arch.yaml`, name: 'copy.arch.yaml' });
    expect(d.asked).toEqual(['save:shop.arch.yaml']);
  });

  it('openPath only opens files the user chose (recent list, command line, dialogs)', async () => {
    const t = setup();
    const file = join(t.dir, 'a.arch.yaml');
    writeFileSync(file, 'a');
    await expect(t.desktop.openPath('/etc/passwd')).rejects.toThrow(FileAccessDenied);
    await expect(t.desktop.openPath(file)).rejects.toThrow(FileAccessDenied);
    t.desktop.requestOpen(file);
    await expect(t.desktop.openPath(file)).resolves.toMatchObject({ text: 'a' });
  });

  it('refuses to open a file that is not UTF-8, naming the first bad byte (a save would write U+FFFD back)', async () => {
    const file = join(tempDir(), 'latin1.arch.yaml');
    writeFileSync(file, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const t = setup({ open: file });
    await expect(t.desktop.open()).rejects.toThrow(
      'latin1.arch.yaml:1:10: the file is not UTF-8: byte 0xE9 (at byte 9) is not a character; save the file as UTF-8',
    );
  });

  it('drops a recent entry whose file vanished', async () => {
    const t = setup();
    const a = join(t.dir, 'a.arch.yaml');
    const b = join(t.dir, 'b.arch.yaml');
    writeFileSync(a, 'a');
    writeFileSync(b, 'b');
    t.desktop.requestOpen(a);
    await t.desktop.open();
    t.desktop.requestOpen(b);
    await t.desktop.open();
    expect(await t.desktop.recentFiles()).toEqual([b, a]);
    const { rmSync } = await import('node:fs');
    rmSync(a);
    expect(await t.desktop.recentFiles()).toEqual([b]);
    rmSync(b);
    await expect(t.desktop.openPath(b)).rejects.toThrow();
    expect(t.desktop.recent).toEqual([]);
    // and the list persisted
    expect((await t.store.load()).recent).toEqual([]);
  });
});

describe('Desktop: files from outside (command line, second launch, open-file)', () => {
  it('holds the Open command until the renderer listens and has its first document, then answers openFile without a dialog', async () => {
    const t = setup();
    const file = join(t.dir, 'cli.arch.yaml');
    writeFileSync(file, 'from cli');
    t.desktop.requestOpen(file);
    t.desktop.menuListenerReady();
    expect(t.sent).toEqual([]); // still loading its startup document (recovery or template)
    t.desktop.setDocumentState({ name: 'e-commerce.arch.yaml', dirty: false });
    expect(t.sent).toEqual(['open']);
    expect(await t.desktop.open()).toMatchObject({ path: file, text: 'from cli' });
    expect(t.asked).toEqual([]);
    // The pending file is used once; the next Open asks.
    expect(await t.desktop.open()).toBeNull();
    expect(t.asked).toEqual(['open']);
  });

  it('does not hold commands forever if the renderer never reports a document', () => {
    const t = setup();
    t.desktop.command('export');
    t.desktop.menuListenerReady();
    expect(t.sent).toEqual([]);
    t.fireTimers();
    expect(t.sent).toEqual(['export']);
  });

  it('asks before a file from outside replaces unsaved work (e.g. recovered at startup)', async () => {
    const t = setup();
    const file = join(t.dir, 'other.arch.yaml');
    writeFileSync(file, 'x');
    t.desktop.requestOpen(file);
    t.answer(false);
    t.rendererUp({ name: 'draft.arch.yaml', dirty: true });
    await settle();
    expect(t.confirms).toEqual([['draft.arch.yaml', 'other.arch.yaml']]);
    expect(t.sent).toEqual([]);
    expect(await t.desktop.open()).toBeNull(); // the declined file is gone; Open asks
    t.answer(true);
    t.desktop.requestOpen(file);
    await settle();
    expect(t.sent).toEqual(['open']);
    expect(await t.desktop.open()).toMatchObject({ path: file });
  });

  it('forgets a pending file the renderer did not take in time (e.g. the user kept their changes)', async () => {
    const t = setup();
    const file = join(t.dir, 'late.arch.yaml');
    writeFileSync(file, 'x');
    t.rendererUp();
    t.desktop.requestOpen(file);
    t.tick(PENDING_OPEN_MS + 1);
    expect(await t.desktop.open()).toBeNull();
    expect(t.asked).toEqual(['open']);
  });

  it('queues commands again after the page reloads', () => {
    const t = setup();
    t.rendererUp();
    t.desktop.command('save');
    t.desktop.rendererGone();
    t.desktop.command('export');
    expect(t.sent).toEqual(['save']);
    t.rendererUp();
    expect(t.sent).toEqual(['save', 'export']);
  });
});

describe('Desktop: export', () => {
  it('writes only into a folder the user chose in this session', async () => {
    const t = setup();
    const out = join(t.dir, 'out');
    mkdirSync(out);
    await expect(t.desktop.writeExport(out, [{ path: 'a.yaml', content: 'x' }])).rejects.toThrow(FileAccessDenied);
    const d = setup({ folder: out });
    expect(await d.desktop.chooseFolder('shop export')).toBe(out);
    expect(await d.desktop.writeExport(out, [{ path: 'k8s/a.yaml', content: 'x' }])).toEqual({ location: out });
    expect(readFileSync(join(out, 'k8s/a.yaml'), 'utf8')).toBe('x');
    await expect(d.desktop.writeExport(join(out, '..'), [{ path: 'a.yaml', content: 'x' }])).rejects.toThrow(FileAccessDenied);
  });
});

describe('Desktop: recovery and closing with unsaved changes', () => {
  it('keeps unsaved work across a restart and clears it on save', async () => {
    const t = setup();
    await t.desktop.saveRecovery('unsaved text', 'shop.arch.yaml');
    // A new Desktop over the same user-data folder: the next start.
    const again = new Desktop({
      store: new StateStore(join(t.dir, 'userData')),
      state: { ...DEFAULT_STATE },
      dialogs: { open: async () => null, save: async () => join(t.dir, 's.arch.yaml'), folder: async () => null },
      sendMenuCommand: () => undefined,
      setDocumentState: () => undefined,
      closeWindow: () => undefined,
      confirmDiscard: async () => true,
    });
    expect(await again.loadRecovery()).toEqual({ text: 'unsaved text', name: 'shop.arch.yaml' });
    await again.save({ path: null, name: 's', text: 'saved' });
    expect(await again.loadRecovery()).toBeNull();
  });

  it('closes at once when clean; asks when dirty', () => {
    const t = setup();
    expect(t.desktop.closeRequested()).toBe('close');
    t.desktop.setDocumentState({ name: 'shop.arch.yaml', dirty: true });
    expect(t.titles.at(-1)).toEqual({ name: 'shop.arch.yaml', dirty: true });
    expect(t.desktop.closeRequested()).toBe('ask');
  });

  it('Save: asks the renderer to save, then closes once the document is clean', async () => {
    const t = setup();
    t.rendererUp({ name: 'shop', dirty: true });
    expect(await t.desktop.closeAnswered('save')).toBe('wait');
    expect(t.sent).toEqual(['save']);
    expect(t.closed()).toBe(0);
    t.desktop.setDocumentState({ name: 'shop', dirty: false });
    expect(t.closed()).toBe(1);
  });

  it('Save, then cancelling the save dialog, keeps the window open', async () => {
    const t = setup({ save: null });
    t.rendererUp({ name: 'shop', dirty: true });
    await t.desktop.closeAnswered('save');
    expect(await t.desktop.save({ path: null, name: 'shop', text: 'x' })).toBeNull();
    // A later unrelated clean state (e.g. New) must not close the window.
    t.desktop.setDocumentState({ name: 'Untitled', dirty: false });
    expect(t.closed()).toBe(0);
  });

  it("Don't Save drops the recovery copy; Cancel keeps everything", async () => {
    const t = setup();
    await t.desktop.saveRecovery('draft', 'shop');
    expect(await t.desktop.closeAnswered('cancel')).toBe('stay');
    expect(await t.desktop.loadRecovery()).not.toBeNull();
    expect(await t.desktop.closeAnswered('discard')).toBe('close');
    expect(await t.desktop.loadRecovery()).toBeNull();
  });
});

describe('Desktop: a folder of manifests to import', () => {
  it('hands over the YAML files the user picked, recursively, by path from the folder, no hidden folders or links', async () => {
    const t = setup();
    const root = join(t.dir, 'boutique');
    mkdirSync(join(root, 'k8s'), { recursive: true });
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    writeFileSync(join(root, 'k8s', 'app.yaml'), 'kind: Deployment');
    writeFileSync(join(root, 'docker-compose.yml'), 'services: {}');
    writeFileSync(join(root, 'README.md'), '# not yaml');
    writeFileSync(join(root, '.git', 'config.yaml'), 'hidden');
    writeFileSync(join(root, 'node_modules', 'x.yaml'), 'dependency');
    symlinkSync(join(t.dir, 'userData'), join(root, 'linked'), 'dir');
    const picked: string[] = [];
    const d = new Desktop({
      store: t.store,
      state: { ...DEFAULT_STATE, recent: [] },
      dialogs: {
        open: async () => null,
        save: async () => null,
        folder: async () => null,
        manifests: async () => (picked.push('manifests'), root),
      },
      sendMenuCommand: () => undefined,
      setDocumentState: () => undefined,
      closeWindow: () => undefined,
      confirmDiscard: async () => true,
    });
    const files = await d.openManifests();
    expect(picked).toEqual(['manifests']);
    expect(files!.map((f) => [f.name, f.text])).toEqual([
      ['boutique/docker-compose.yml', 'services: {}'],
      ['boutique/k8s/app.yaml', 'kind: Deployment'],
    ]);
    // Cancelled, or a host without the dialog: nothing.
    expect(await t.desktop.openManifests()).toBeNull();
  });
  it('refuses a folder with a file that is not UTF-8 at that file, as opening a design does', async () => {
    const t = setup();
    const root = join(t.dir, 'shop');
    mkdirSync(join(root, 'k8s'), { recursive: true });
    writeFileSync(join(root, 'docker-compose.yml'), 'services:\n  web: { image: nginx }\n');
    // Latin-1 "café" in an env value: 0xE9 alone is no UTF-8 character.
    writeFileSync(
      join(root, 'k8s', 'app.yaml'),
      Buffer.concat([Buffer.from('kind: ConfigMap\ndata:\n  GREETING: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    const d = new Desktop({
      store: t.store,
      state: { ...DEFAULT_STATE, recent: [] },
      dialogs: { open: async () => null, save: async () => null, folder: async () => null, manifests: async () => root },
      sendMenuCommand: () => undefined,
      setDocumentState: () => undefined,
      closeWindow: () => undefined,
      confirmDiscard: async () => true,
    });
    await expect(d.openManifests()).rejects.toThrow(
      /^shop\/k8s\/app\.yaml:3:16: the file is not UTF-8: byte 0xE9 \(at byte 37\) is not a character; save the file as UTF-8$/,
    );
    writeFileSync(join(root, 'k8s', 'app.yaml'), 'kind: ConfigMap\ndata:\n  GREETING: café\n');
    expect((await d.openManifests())!.map((f) => f.text)).toContain('kind: ConfigMap\ndata:\n  GREETING: café\n');
  });
});
