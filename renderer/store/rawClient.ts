// The window's side of the raw-value worker: started on first use, one request per open.
import type { Raw } from './rawDocument';
import RawWorker from './raw.worker?worker';

let worker: Worker | undefined;
let next = 1;
const pending = new Map<number, (raw: Raw | null) => void>();

export function rawOffThread(text: string): Promise<Raw | null> {
  if (!worker) {
    worker = new RawWorker();
    worker.addEventListener('message', (e: MessageEvent<{ id: number; raw: Raw | null }>) => {
      pending.get(e.data.id)?.(e.data.raw);
      pending.delete(e.data.id);
    });
  }
  const id = next++;
  const w = worker;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    w.postMessage({ id, text });
  });
}
