import { describe, expect, it, vi } from 'vitest';
import { checkSender, guarded, IpcRejected, type SenderInfo } from './ipcHandler.js';

const policy = { windowId: () => 7, allowedOrigins: ['app://meshwright'] };
const event = (over: Partial<{ id: number; url: string; parent: unknown; frame: null }> = {}): SenderInfo => ({
  sender: { id: over.id ?? 7 },
  senderFrame: over.frame === null ? null : { url: over.url ?? 'app://meshwright/index.html', parent: over.parent ?? null },
});

describe('checkSender', () => {
  it('trusts the main window top frame on our origin', () => {
    expect(() => checkSender(event(), policy)).not.toThrow();
  });
  it.each([
    ['another webContents', event({ id: 8 })],
    ['a destroyed frame', event({ frame: null })],
    ['a subframe', event({ parent: {} })],
    ['a remote origin', event({ url: 'https://evil.example/x' })],
    ['a file:// page', event({ url: 'file:///tmp/x.html' })],
    ['a look-alike host', event({ url: 'app://meshwright.evil/index.html' })],
    ['no URL', event({ url: '' })],
  ])('rejects %s', (_name, e) => {
    expect(() => checkSender(e, policy)).toThrow(IpcRejected);
  });
  it('rejects everything before the window exists', () => {
    expect(() => checkSender(event(), { ...policy, windowId: () => null })).toThrow(IpcRejected);
  });
});

describe('guarded', () => {
  it('validates before calling the implementation, and passes parsed arguments', async () => {
    const impl = vi.fn(async (path: string) => ({ path, name: 'n', text: 't' }));
    const handler = guarded('file:openPath', impl, policy);
    await expect(handler(event(), 5)).rejects.toThrow(/bad arguments to file:openPath: file:openPath arg0: expected a string/);
    await expect(handler(event({ url: 'https://x.test/' }), '/a.arch.yaml')).rejects.toThrow(IpcRejected);
    expect(impl).not.toHaveBeenCalled();
    await expect(handler(event(), '/a.arch.yaml')).resolves.toEqual({ path: '/a.arch.yaml', name: 'n', text: 't' });
    expect(impl).toHaveBeenCalledWith('/a.arch.yaml');
  });
  it('rejects extra arguments', async () => {
    const impl = vi.fn(async () => []);
    await expect(guarded('recent:list', impl, policy)(event(), 'x')).rejects.toThrow(/at most 0 arguments/);
    expect(impl).not.toHaveBeenCalled();
  });
});
