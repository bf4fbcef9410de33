// The state of the Simulation, Review and Export panels: one small Zustand store per window,
// made by a factory (its engine calls passed in) and supplied through React context. The editor
// store keeps the design; this one keeps what was computed from it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Design, ExportTarget, Finding, OutFile, SimulationResult, SweepOptions, SweepResult } from '../../engine/index';

export interface RunOptions {
  scenario: string | null;
  seed: number;
  /** Seconds of simulated time. */
  durationS: number;
}

export interface Progress {
  time: number;
  duration: number;
  events: number;
}

export interface SimulationRunHandle {
  result: Promise<SimulationResult | null>;
  cancel(): void;
}

export interface SweepProgress {
  done: number;
  total: number;
  workers: number;
}

export interface SweepRunHandle {
  result: Promise<SweepResult | null>;
  cancel(): void;
}

export interface ResultsDeps {
  simulate(design: Design, options: RunOptions, onProgress: (p: Progress) => void): SimulationRunHandle;
  /** A load sweep spread over workers (the Capacity view). */
  sweep(design: Design, options: SweepOptions, onProgress: (p: SweepProgress) => void): SweepRunHandle;
  review(design: Design): Promise<Finding[]>;
  exportFiles(design: Design, target: ExportTarget): Promise<OutFile[]>;
}

export interface State {
  run: {
    status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
    progress: Progress | null;
    error: string | null;
    /** The options of the run in progress or of the last one. */
    options: RunOptions | null;
  };
  result: SimulationResult | null;
  /** The design the result was computed from (the canvas overlays it only while the design is
   * the same, positions aside). */
  resultOf: Design | null;
  /** Whether the canvas shows the result (on after every run). */
  overlay: boolean;
  baseline: SimulationResult | null;
  capacity: {
    status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
    progress: SweepProgress | null;
    error: string | null;
    options: SweepOptions | null;
    result: SweepResult | null;
    /** The design the sweep ran on (for its objectives). */
    of: Design | null;
  };
  review: { findings: Finding[] | null; busy: boolean; error: string | null; of: Design | null };
  exports: { target: ExportTarget; files: OutFile[] | null; selected: string | null; busy: boolean; error: string | null };
}

export interface Actions {
  runSimulation(design: Design, options: RunOptions): Promise<void>;
  cancelSimulation(): void;
  setOverlay(on: boolean): void;
  keepBaseline(): void;
  clearBaseline(): void;
  runSweep(design: Design, options: SweepOptions): Promise<void>;
  cancelSweep(): void;
  runReview(design: Design): Promise<void>;
  setTarget(target: ExportTarget): void;
  generateExport(design: Design): Promise<void>;
  selectFile(path: string): void;
}

export type ResultsState = State & Actions;
export type ResultsStore = StoreApi<ResultsState>;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createResultsStore(deps: ResultsDeps): ResultsStore {
  let current: SimulationRunHandle | null = null;
  let sweeping: SweepRunHandle | null = null;
  let reviewSeq = 0;
  let exportSeq = 0;
  return createStore<ResultsState>()((set, get) => ({
    run: { status: 'idle', progress: null, error: null, options: null },
    result: null,
    resultOf: null,
    overlay: true,
    baseline: null,
    capacity: { status: 'idle', progress: null, error: null, options: null, result: null, of: null },
    review: { findings: null, busy: false, error: null, of: null },
    exports: { target: 'k8s', files: null, selected: null, busy: false, error: null },

    async runSimulation(design, options) {
      if (current) return;
      const handle = deps.simulate(design, options, (p) => {
        if (current === handle) set({ run: { ...get().run, progress: p } });
      });
      current = handle;
      set({ run: { status: 'running', progress: { time: 0, duration: options.durationS * 1000, events: 0 }, error: null, options } });
      try {
        const result = await handle.result;
        if (current !== handle) return;
        if (result) set({ result, resultOf: design, overlay: true, run: { ...get().run, status: 'done' } });
        else set({ run: { ...get().run, status: 'cancelled' } });
      } catch (e) {
        if (current === handle) set({ run: { ...get().run, status: 'failed', error: message(e) } });
      } finally {
        if (current === handle) current = null;
      }
    },
    cancelSimulation() {
      current?.cancel();
    },
    setOverlay(on) {
      set({ overlay: on });
    },
    keepBaseline() {
      const r = get().result;
      if (r) set({ baseline: r });
    },
    clearBaseline() {
      set({ baseline: null });
    },

    async runSweep(design, options) {
      if (sweeping) return;
      // The runner may report progress before it returns its handle.
      let handle: SweepRunHandle | null = null;
      handle = deps.sweep(design, options, (progress) => {
        if (sweeping === handle || handle === null) set({ capacity: { ...get().capacity, progress } });
      });
      sweeping = handle;
      set({ capacity: { ...get().capacity, status: 'running', error: null, options } });
      try {
        const result = await handle.result;
        if (sweeping !== handle) return;
        if (result) set({ capacity: { ...get().capacity, status: 'done', result, of: design } });
        else set({ capacity: { ...get().capacity, status: 'cancelled' } });
      } catch (e) {
        if (sweeping === handle) set({ capacity: { ...get().capacity, status: 'failed', error: message(e) } });
      } finally {
        if (sweeping === handle) sweeping = null;
      }
    },
    cancelSweep() {
      sweeping?.cancel();
    },

    async runReview(design) {
      const seq = ++reviewSeq;
      set({ review: { ...get().review, busy: true } });
      try {
        const findings = await deps.review(design);
        if (seq === reviewSeq) set({ review: { findings, busy: false, error: null, of: design } });
      } catch (e) {
        if (seq === reviewSeq) set({ review: { ...get().review, busy: false, error: message(e), of: design } });
      }
    },

    setTarget(target) {
      set({ exports: { ...get().exports, target } });
    },
    async generateExport(design) {
      const seq = ++exportSeq;
      const target = get().exports.target;
      set({ exports: { ...get().exports, busy: true, error: null } });
      try {
        const files = await deps.exportFiles(design, target);
        if (seq !== exportSeq) return;
        const keep = get().exports.selected;
        const selected = files.some((f) => f.path === keep) ? keep : (files[0]?.path ?? null);
        set({ exports: { ...get().exports, files, selected, busy: false } });
      } catch (e) {
        if (seq === exportSeq) set({ exports: { ...get().exports, files: null, selected: null, busy: false, error: message(e) } });
      }
    },
    selectFile(path) {
      set({ exports: { ...get().exports, selected: path } });
    },
  }));
}
