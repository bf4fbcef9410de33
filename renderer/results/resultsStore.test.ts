import { describe, expect, it } from 'vitest';
import type { Design, Finding, SimulationResult, SweepResult } from '../../engine/index';
import { createResultsStore, type ResultsDeps, type SimulationRunHandle, type SweepProgress } from './resultsStore';

const design = { name: 'shop' } as unknown as Design;
const fakeResult = (scenario: string | null) => ({ scenario, seed: 1, duration: 1000 }) as unknown as SimulationResult;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup() {
  const runs: {
    d: ReturnType<typeof deferred<SimulationResult | null>>;
    progress: (p: { time: number; duration: number; events: number }) => void;
    cancelled: boolean;
  }[] = [];
  const reviews: ReturnType<typeof deferred<Finding[]>>[] = [];
  const sweeps: { d: ReturnType<typeof deferred<SweepResult | null>>; progress: (p: SweepProgress) => void; cancelled: boolean }[] = [];
  const deps: ResultsDeps = {
    sweep: (_d, _o, progress) => {
      const s = { d: deferred<SweepResult | null>(), progress, cancelled: false };
      sweeps.push(s);
      progress({ done: 0, total: 4, workers: 2 }); // as the runner does, before it returns
      return {
        result: s.d.promise,
        cancel: () => {
          s.cancelled = true;
          s.d.resolve(null);
        },
      };
    },
    simulate: (_d, _o, progress) => {
      const run = { d: deferred<SimulationResult | null>(), progress, cancelled: false };
      runs.push(run);
      const handle: SimulationRunHandle = {
        result: run.d.promise,
        cancel: () => {
          run.cancelled = true;
          run.d.resolve(null);
        },
      };
      return handle;
    },
    review: () => {
      const d = deferred<Finding[]>();
      reviews.push(d);
      return d.promise;
    },
    exportFiles: async (_d, target) => [
      { path: `${target}/b.yaml`, content: 'b' },
      { path: `${target}/a.yaml`, content: 'a' },
    ],
  };
  return { store: createResultsStore(deps), runs, reviews, sweeps };
}

describe('results store: simulation runs', () => {
  it('runs with progress, then keeps the result; one run at a time', async () => {
    const { store, runs } = setup();
    const done = store.getState().runSimulation(design, { scenario: 'x', seed: 1, durationS: 1 });
    expect(store.getState().run.status).toBe('running');
    void store.getState().runSimulation(design, { scenario: null, seed: 1, durationS: 1 });
    expect(runs).toHaveLength(1);
    runs[0]!.progress({ time: 500, duration: 1000, events: 10 });
    expect(store.getState().run.progress).toEqual({ time: 500, duration: 1000, events: 10 });
    runs[0]!.d.resolve(fakeResult('x'));
    await done;
    expect(store.getState().run.status).toBe('done');
    expect(store.getState().result?.scenario).toBe('x');
  });

  it('a cancelled run keeps the previous result; a failed one says why', async () => {
    const { store, runs } = setup();
    const first = store.getState().runSimulation(design, { scenario: null, seed: 1, durationS: 1 });
    runs[0]!.d.resolve(fakeResult(null));
    await first;
    const second = store.getState().runSimulation(design, { scenario: 'long', seed: 1, durationS: 3600 });
    store.getState().cancelSimulation();
    await second;
    expect(runs[1]!.cancelled).toBe(true);
    expect(store.getState().run.status).toBe('cancelled');
    expect(store.getState().result?.scenario).toBeNull();
    const third = store.getState().runSimulation(design, { scenario: 'bad', seed: 1, durationS: 1 });
    runs[2]!.d.reject(new Error('unknown scenario "bad"'));
    await third;
    expect(store.getState().run).toMatchObject({ status: 'failed', error: 'unknown scenario "bad"' });
  });

  it('keeps a baseline until cleared', async () => {
    const { store, runs } = setup();
    const p = store.getState().runSimulation(design, { scenario: null, seed: 1, durationS: 1 });
    runs[0]!.d.resolve(fakeResult(null));
    await p;
    store.getState().keepBaseline();
    const q = store.getState().runSimulation(design, { scenario: 'what-if', seed: 1, durationS: 1 });
    runs[1]!.d.resolve(fakeResult('what-if'));
    await q;
    expect(store.getState().baseline?.scenario).toBeNull();
    expect(store.getState().result?.scenario).toBe('what-if');
    store.getState().clearBaseline();
    expect(store.getState().baseline).toBeNull();
  });

  it('keeps the design a result came from; the canvas overlay is on after every run', async () => {
    const { store, runs } = setup();
    const p = store.getState().runSimulation(design, { scenario: null, seed: 1, durationS: 1 });
    runs[0]!.d.resolve(fakeResult(null));
    await p;
    expect(store.getState().resultOf).toBe(design);
    expect(store.getState().overlay).toBe(true);
    store.getState().setOverlay(false);
    expect(store.getState().overlay).toBe(false);
    const other = { name: 'other' } as unknown as Design;
    const q = store.getState().runSimulation(other, { scenario: null, seed: 2, durationS: 1 });
    runs[1]!.d.resolve(fakeResult(null));
    await q;
    expect(store.getState().resultOf).toBe(other);
    expect(store.getState().overlay).toBe(true);
  });
});

describe('results store: review and export', () => {
  it('keeps only the latest review when reviews overlap', async () => {
    const { store, reviews } = setup();
    const a = store.getState().runReview(design);
    const b = store.getState().runReview(design);
    reviews[1]!.resolve([{ rule: 'new', severity: 'info', nodes: [], message: '', fix: '' }]);
    await b;
    reviews[0]!.resolve([{ rule: 'old', severity: 'info', nodes: [], message: '', fix: '' }]);
    await a;
    expect(store.getState().review.findings?.map((f) => f.rule)).toEqual(['new']);
    expect(store.getState().review.of).toBe(design);
  });

  it('generates the chosen target and selects its first file, keeping a selection that still exists', async () => {
    const { store } = setup();
    store.getState().setTarget('istio');
    await store.getState().generateExport(design);
    expect(store.getState().exports.selected).toBe('istio/b.yaml');
    store.getState().selectFile('istio/a.yaml');
    await store.getState().generateExport(design);
    expect(store.getState().exports.selected).toBe('istio/a.yaml');
  });
});

describe('the capacity sweep', () => {
  it('runs one sweep at a time with its progress, keeps its result, and cancels', async () => {
    const { store, sweeps } = setup();
    const first = store.getState().runSweep(design, { steps: 2, replications: 2 });
    void store.getState().runSweep(design, { steps: 3 });
    expect(sweeps).toHaveLength(1);
    expect(store.getState().capacity.status).toBe('running');
    expect(store.getState().capacity.progress).toEqual({ done: 0, total: 4, workers: 2 });
    sweeps[0]!.progress({ done: 1, total: 4, workers: 2 });
    expect(store.getState().capacity.progress).toEqual({ done: 1, total: 4, workers: 2 });
    const doc = { points: [], knee: null } as unknown as SweepResult;
    sweeps[0]!.d.resolve(doc);
    await first;
    expect(store.getState().capacity).toMatchObject({ status: 'done', result: doc, of: design });

    const second = store.getState().runSweep(design, { steps: 3 });
    store.getState().cancelSweep();
    await second;
    expect(sweeps[1]!.cancelled).toBe(true);
    // A cancelled sweep keeps the previous result on screen.
    expect(store.getState().capacity).toMatchObject({ status: 'cancelled', result: doc });
  });

  it('says why a sweep failed', async () => {
    const { store, sweeps } = setup();
    const run = store.getState().runSweep(design, { steps: 0 });
    sweeps[0]!.d.reject(new Error('steps: expected a whole number from 1 to 100, got 0'));
    await run;
    expect(store.getState().capacity).toMatchObject({ status: 'failed', error: 'steps: expected a whole number from 1 to 100, got 0' });
  });
});
