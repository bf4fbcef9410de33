// A sweep worker (tinypool, node:worker_threads): one run of the plan per task. Plain JavaScript
// that registers tsx first, so it loads the TypeScript engine from source both under Vitest and
// from bin/meshwright.mjs (the CLI has no build step). Hooks registered on the main thread do
// not reach worker threads, hence its own register().
import { register } from 'tsx/esm/api';

register();
const { runSweepOne } = await import('../../engine/index.ts');

/** @param {{ design: unknown, opts: unknown, run: unknown }} task */
export default function runOne({ design, opts, run }) {
  return runSweepOne(design, opts, run);
}
