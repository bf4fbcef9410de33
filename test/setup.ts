// Vitest setup. Property tests explore new random cases on every local run; under CI they
// replay a fixed seed so a landing run is reproducible (a counterexample found locally prints
// its seed and path to replay).
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261121 });
