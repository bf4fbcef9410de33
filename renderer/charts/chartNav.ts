// Which machine the State chart tab shows and at what time: one small store per window, so the
// breaker timeline (Simulation tab) can open a chart at a transition and the app switch tabs.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface ChartNav {
  /** A target id (targetId in replayModel.ts); null: follow the canvas selection. */
  target: string | null;
  /** Replay time (ms); null: the end of the run. */
  time: number | null;
  /** The breaker's caller replica, or the saga run's index, to follow. */
  instance: number | null;
  /** Bumped by open(): the app shows the State chart tab. */
  opened: number;
}

export const chartNav = createStore<ChartNav>()(() => ({ target: null, time: null, instance: null, opened: 0 }));

/** Shows `target` at `time` in the State chart tab. */
export function openChart(target: string, time: number | null, instance: number | null = null): void {
  chartNav.setState((s) => ({ target, time, instance, opened: s.opened + 1 }));
}

export function useChartNav<T>(select: (s: ChartNav) => T): T {
  return useStore(chartNav, select);
}
