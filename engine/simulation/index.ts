// The simulation engine's public surface: simulate() and the result types (simulation.md).
export { simulate, prepareRun, SimulationError, SimulationCancelled, type SimulateOptions, type SimulationProgress } from './simulate.js';
export * from './result.js';
export { breakerMachine, breakerChart } from './machines/breaker.js';
export { sagaMachine, sagaChart } from './machines/saga.js';
export { limiterMachine, limiterChart } from './machines/rateLimiter.js';
export { scalerMachine, scalerChart } from './machines/autoscaler.js';
export { evaluateSlos, entryObjectives, SLO_OBJECTIVES, type SloObjective, type SloResult } from './slo.js';
export {
  sweepPlan,
  runSweepOne,
  aggregateSweep,
  resolveSweep,
  meanInterval,
  SWEEP_DEFAULTS,
  SWEEP_LIMITS,
  type SweepOptions,
  type SweepRun,
  type RunSummary,
  type Interval,
  type SweepSlo,
  type SweepPoint,
  type SweepResult,
} from './sweep.js';
export { tQuantile } from './tdist.js';
export * from './machines/chart.js';
export * from './machines/replay.js';
