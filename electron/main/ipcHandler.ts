// The one way main answers the renderer: every channel goes through `guarded`, which first checks
// who is asking (the main window's top frame, on our own origin) and then the shape of every
// argument, before the channel's implementation runs. Failures reject the renderer's promise with
// a short message and never reach the implementation.
import { argShapes, type ArgsOf, type Channel, type ResultOf } from '../ipc/contract.js';
import { ShapeError } from '../ipc/shape.js';
import { originOf } from './windowOptions.js';

/** The parts of an IpcMainInvokeEvent we look at, so tests can pass plain objects. */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface TrustPolicy {
  /** The webContents id of the main window, or null before it exists. */
  windowId: () => number | null;
  allowedOrigins: readonly string[];
}

export class IpcRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRejected';
  }
}

export function checkSender(event: SenderInfo, policy: TrustPolicy): void {
  const id = policy.windowId();
  if (id === null || event.sender.id !== id) throw new IpcRejected('IPC from an unknown window');
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed is null; a subframe has a parent.
  if (frame === null) throw new IpcRejected('IPC from a destroyed frame');
  if (frame.parent !== null) throw new IpcRejected('IPC from a subframe');
  let origin: string;
  try {
    origin = originOf(new URL(frame.url));
  } catch {
    throw new IpcRejected('IPC from a frame without a URL');
  }
  if (!policy.allowedOrigins.includes(origin)) throw new IpcRejected(`IPC from origin ${origin}`);
}

export type Implementation<C extends Channel> = (...a: ArgsOf<C>) => Promise<ResultOf<C>> | ResultOf<C>;

/** Wraps an implementation as an ipcMain.handle listener. */
export function guarded<C extends Channel>(channel: C, impl: Implementation<C>, policy: TrustPolicy) {
  const shape = argShapes[channel];
  return async (event: SenderInfo, ...raw: unknown[]): Promise<ResultOf<C>> => {
    checkSender(event, policy);
    let parsed: ArgsOf<C>;
    try {
      parsed = shape(raw, `${channel} `) as ArgsOf<C>;
    } catch (error) {
      if (error instanceof ShapeError) throw new IpcRejected(`bad arguments to ${channel}: ${error.message}`);
      throw error;
    }
    return impl(...parsed);
  };
}
