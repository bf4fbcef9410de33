// The results store of the window, supplied through context, and its selector hooks.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { engineClient, startSimulation, startSweep } from '../workers/engineClient';
import { createResultsStore, type ResultsDeps, type ResultsState, type ResultsStore } from './resultsStore';

const ResultsStoreContext = createContext<ResultsStore | null>(null);

/** The engine worker behind the store. */
export const workerDeps: ResultsDeps = {
  simulate: (design, o, onProgress) =>
    startSimulation({ design, scenario: o.scenario, seed: o.seed, duration: Math.round(o.durationS * 1000) }, onProgress),
  sweep: (design, options, onProgress) => startSweep(design, options, onProgress),
  review: async (design) => (await engineClient().request({ type: 'review', design })).findings,
  exportFiles: async (design, target) => (await engineClient().request({ type: 'export', design, target })).files,
};

export function ResultsStoreProvider({ children, deps = workerDeps }: { children: ReactNode; deps?: ResultsDeps }) {
  const [store] = useState(() => createResultsStore(deps));
  return <ResultsStoreContext.Provider value={store}>{children}</ResultsStoreContext.Provider>;
}

export function useResultsStoreApi(): ResultsStore {
  const store = useContext(ResultsStoreContext);
  if (!store) throw new Error('useResults* hooks need a <ResultsStoreProvider>');
  return store;
}

export function useResults<T>(selector: (s: ResultsState) => T): T {
  return useStore(useResultsStoreApi(), selector);
}

const selectRun = (s: ResultsState) => s.run;
export const useRun = () => useResults(selectRun);
const selectResult = (s: ResultsState) => s.result;
export const useResult = () => useResults(selectResult);
const selectBaseline = (s: ResultsState) => s.baseline;
export const useBaseline = () => useResults(selectBaseline);
const selectCapacity = (s: ResultsState) => s.capacity;
export const useCapacity = () => useResults(selectCapacity);
const selectReview = (s: ResultsState) => s.review;
export const useReviewState = () => useResults(selectReview);
const selectExports = (s: ResultsState) => s.exports;
export const useExports = () => useResults(selectExports);
