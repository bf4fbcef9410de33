import { afterEach, describe, expect, it } from 'vitest';
import {
  aggregateSweep,
  createEngineClient,
  parseDesign,
  runSweepOne,
  serveEngine,
  sweepPlan,
  type EngineHandlers,
  type EngineRequest,
  type MessagePortLike,
  type SweepOptions,
} from '../../engine/index';
import { runSweep, type SweepProgress, type SweepWorker } from './sweepRunner';

const design = parseDesign(
  `
name: mm1
nodes:
  web: { kind: client, rate: 40, slo: { p99: 80ms }, requests: [ { to: api } ] }
  api: { kind: service, concurrency: 1, latency: { dist: exponential, mean: 10ms } }
`,
  'mm1.arch.yaml',
).design!;
const options: SweepOptions = { traffic: [0.5, 2], steps: 4, replications: 3, duration: 4000 };

const open: MessageChannel[] = [];
afterEach(() => {
  for (const c of open.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** An engine "worker" on a message channel in this thread; later runs answer sooner, so runs finish out of order. */
function spawn(log: number[]): () => SweepWorker {
  return () => {
    const ch = new MessageChannel();
    open.push(ch);
    ch.port1.start();
    ch.port2.start();
    serveEngine(
      ch.port2 as unknown as MessagePortLike,
      {
        sweepRun: async ({ design: d, options: o, run }: Extract<EngineRequest, { type: 'sweepRun' }>) => {
          await new Promise((r) => setTimeout(r, (12 - run.index) % 5));
          log.push(run.index);
          return { type: 'sweptRun', summary: runSweepOne(d, o, run) };
        },
      } as unknown as EngineHandlers,
    );
    return { client: createEngineClient(ch.port1 as unknown as MessagePortLike), terminate: () => ch.port1.close() };
  };
}

const withoutWall = (r: unknown) => ({ ...(r as object), stats: { ...(r as { stats: object }).stats, wallMs: 0 } });

describe('a sweep over several workers', () => {
  it('gives the same document as the runs one by one, with 1 and with 3 workers, and reports progress', async () => {
    const serial = aggregateSweep(
      design,
      options,
      sweepPlan(options, design).map((run) => runSweepOne(design, options, run)),
    );
    const seen: SweepProgress[] = [];
    const one = await runSweep(design, options, (p) => seen.push(p), spawn([]), 1).result;
    const order: number[] = [];
    const three = runSweep(design, options, () => {}, spawn(order), 3);
    expect(three.workers).toBe(3);
    const r3 = await three.result;
    expect(withoutWall(one)).toEqual(withoutWall(serial));
    expect(withoutWall(r3)).toEqual(withoutWall(serial));
    expect(order).not.toEqual([...order].sort((a, b) => a - b)); // they did finish out of order
    expect(seen.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(seen.at(-1)).toEqual({ done: 12, total: 12, workers: 1 });
    expect(serial.points).toHaveLength(4);
    expect(serial.points[0]!.slos[0]!.objective).toBe('p99');
  });

  it('stops at once when cancelled: no result, workers ended', async () => {
    let ended = 0;
    const base = spawn([]);
    const h = runSweep(
      design,
      options,
      () => {},
      () => {
        const w = base();
        return { client: w.client, terminate: () => (ended++, w.terminate()) };
      },
      2,
    );
    h.cancel();
    expect(await h.result).toBeNull();
    expect(ended).toBe(2);
  });

  it('refuses wrong options with the option named', async () => {
    await expect(runSweep(design, { ...options, steps: 0 }, () => {}, spawn([]), 2).result).rejects.toThrow(
      /steps: expected a whole number/,
    );
  });
});
