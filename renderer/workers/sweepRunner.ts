// A load sweep spread over several engine workers: the plan (sweep.ts) is dealt out one run at a
// time to whichever worker is free, each answers with a small run summary, and the summaries are
// folded in plan order by aggregateSweep: the same document as `meshwright sweep`, whatever the
// number of workers and the order the runs finished in. Cancel ends the workers at once (a run
// keeps its worker busy, so it could not read a message before it ends).
import {
  aggregateSweep,
  sweepPlan,
  type Design,
  type EngineClient,
  type RunSummary,
  type SweepOptions,
  type SweepResult,
} from '../../engine/index';

export interface SweepWorker {
  client: EngineClient;
  terminate(): void;
}

export interface SweepProgress {
  done: number;
  total: number;
  workers: number;
}

export interface SweepHandle {
  /** The sweep document; null when cancelled. Rejects when the options are wrong or a run fails. */
  readonly result: Promise<SweepResult | null>;
  /** How many workers share the plan. */
  readonly workers: number;
  cancel(): void;
}

export function runSweep(
  design: Design,
  options: SweepOptions,
  onProgress: (p: SweepProgress) => void,
  spawn: () => SweepWorker,
  threads: number,
  clock: () => number = () => performance.now(),
): SweepHandle {
  let plan: ReturnType<typeof sweepPlan>;
  try {
    plan = sweepPlan(options, design);
  } catch (e) {
    return { result: Promise.reject(e instanceof Error ? e : new Error(String(e))), workers: 0, cancel() {} };
  }
  const count = Math.max(1, Math.min(threads, plan.length));
  const workers = Array.from({ length: count }, spawn);
  const started = clock();
  const summaries: RunSummary[] = [];
  let next = 0;
  let stopped = false;
  let finish: (r: SweepResult | null) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const w of workers) w.terminate();
  };
  const result = new Promise<SweepResult | null>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const work = async (w: SweepWorker) => {
    while (!stopped && next < plan.length) {
      const run = plan[next++]!;
      const answer = await w.client.request({ type: 'sweepRun', design, options, run });
      if (stopped) return;
      summaries.push(answer.summary);
      onProgress({ done: summaries.length, total: plan.length, workers: count });
    }
  };
  onProgress({ done: 0, total: plan.length, workers: count });
  Promise.all(workers.map(work)).then(
    () => {
      if (stopped) return;
      stop();
      try {
        finish(aggregateSweep(design, options, summaries, clock() - started));
      } catch (e) {
        fail(e instanceof Error ? e : new Error(String(e)));
      }
    },
    (e: unknown) => {
      if (stopped) return;
      stop();
      fail(e instanceof Error ? e : new Error(String(e)));
    },
  );
  return {
    result,
    workers: count,
    cancel() {
      if (stopped) return;
      stop();
      finish(null);
    },
  };
}
