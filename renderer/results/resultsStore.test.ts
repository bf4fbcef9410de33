import { describe, expect, it } from 'vitest';
import type { Design, Finding, SimulationResult } from '../../engine/index';
import { createResultsStore, type ResultsDeps, type SimulationRunHandle } from './resultsStore';

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
  const deps: ResultsDeps = {
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
  return { store: createResultsStore(deps), runs, reviews };
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
