// The window's side of the engine worker. One worker for the app's lifetime serves parsing,
// layout, reviews and exports (started on first use); simulations run in a second instance of the
// same worker, so a long run never holds up the layout or a review.
//
// Cancelling a run: the window posts a `cancel` message and, when the page is cross-origin
// isolated, also sets a shared flag that the run reads through shouldCancel at its next progress
// report (a run keeps its worker busy, so it cannot read messages until it ends). Without a
// shared flag, or when the run does not stop within a moment, the simulation worker is ended and
// a fresh one starts with the next run: either way Cancel stops the work at once.
import {
  createEngineClient,
  isEngineEvent,
  type EngineClient,
  type EngineEvent,
  type MessagePortLike,
  type Design,
  type SimulateRequest,
  type SimulationResult,
  type SweepOptions,
} from '../../engine/index';
import EngineWorker from './engine.worker?worker';
import { runSweep, type SweepHandle, type SweepProgress } from './sweepRunner';

let client: EngineClient | undefined;

export function engineClient(): EngineClient {
  client ??= createEngineClient(new EngineWorker() as unknown as MessagePortLike);
  return client;
}

export type SimulationProgressEvent = Omit<EngineEvent, 'type' | 'runId'>;
export type SimulationOptions = Omit<SimulateRequest, 'type' | 'id' | 'runId' | 'cancelFlag'>;

export interface SimulationRun {
  /** The result; null when the run was cancelled. Rejects when the run fails. */
  readonly result: Promise<SimulationResult | null>;
  cancel(): void;
}

interface SimWorker {
  worker: Worker;
  client: EngineClient;
  progress: Map<string, (p: SimulationProgressEvent) => void>;
}

let sim: SimWorker | undefined;
let runs = 0;
/** How long a run may take to notice its shared cancel flag before its worker is ended. */
const CANCEL_GRACE_MS = 1500;

function simWorker(): SimWorker {
  if (sim) return sim;
  const worker = new EngineWorker();
  const progress = new Map<string, (p: SimulationProgressEvent) => void>();
  worker.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (!isEngineEvent(e.data)) return;
    const { runId, events, time, duration } = e.data;
    progress.get(runId)?.({ events, time, duration });
  });
  sim = { worker, client: createEngineClient(worker as unknown as MessagePortLike), progress };
  return sim;
}

export function startSimulation(options: SimulationOptions, onProgress: (p: SimulationProgressEvent) => void): SimulationRun {
  const w = simWorker();
  const runId = `run-${++runs}`;
  const shared = typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
  const flag = shared ? new SharedArrayBuffer(4) : undefined;
  let settled = false;
  let settle: (r: SimulationResult | null) => void = () => {};
  w.progress.set(runId, onProgress);
  const result = new Promise<SimulationResult | null>((resolve, reject) => {
    settle = (r) => {
      if (settled) return;
      settled = true;
      w.progress.delete(runId);
      resolve(r);
    };
    w.client.request({ type: 'simulate', runId, ...options, ...(flag ? { cancelFlag: flag } : {}) }).then(
      (r) => settle(r.type === 'simulated' ? r.result : null),
      (e: unknown) => {
        if (settled) return;
        settled = true;
        w.progress.delete(runId);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
  const stopWorker = () => {
    if (settled) return;
    w.worker.terminate();
    if (sim === w) sim = undefined;
    settle(null);
  };
  return {
    result,
    cancel() {
      if (settled) return;
      w.worker.postMessage({ type: 'cancel', runId });
      if (flag) {
        Atomics.store(new Int32Array(flag), 0, 1);
        setTimeout(stopWorker, CANCEL_GRACE_MS);
      } else stopWorker();
    },
  };
}

/** Most workers a sweep starts, whatever the machine has (each holds a copy of the engine). */
const MAX_SWEEP_WORKERS = 8;

/** A load sweep in fresh engine workers, one per core (up to 8); they end with the sweep. */
export function startSweep(design: Design, options: SweepOptions, onProgress: (p: SweepProgress) => void): SweepHandle {
  const threads = Math.min(MAX_SWEEP_WORKERS, Math.max(1, navigator.hardwareConcurrency || 2));
  return runSweep(
    design,
    options,
    onProgress,
    () => {
      const worker = new EngineWorker();
      return { client: createEngineClient(worker as unknown as MessagePortLike), terminate: () => worker.terminate() };
    },
    threads,
  );
}
