// The saga orchestrator as an XState chart: steps in order; when a step fails (after its
// retries) the completed steps' compensations run in reverse order. Outcome `completed`,
// `compensated` (every needed compensation succeeded; also when the first step failed) or
// `failed` (a compensation failed). One instance per running saga: its state is a state index
// and a small store. Commands go out through store.io.
import { CompiledMachine, defineMachine, type ChartConfig, type Implementations } from './compile.js';

export type SagaOutcome = 'completed' | 'compensated' | 'failed';

export interface SagaEvent {
  type: 'START' | 'STEP_OK' | 'STEP_FAILED' | 'COMP_OK' | 'COMP_FAILED' | 'xstate.init';
}

export interface SagaIo {
  callStep(store: SagaStore, step: number): void;
  compensate(store: SagaStore, step: number): void;
  finish(store: SagaStore, outcome: SagaOutcome): void;
}

export interface SagaStore {
  /** Per step: does it have a compensation. */
  compensable: readonly boolean[];
  step: number;
  /** Next completed step to look at when compensating (counts down). */
  comp: number;
  io: SagaIo;
  /** Anything the host keeps with the saga. */
  ref: unknown;
}

export function sagaStore(compensable: readonly boolean[], io: SagaIo, ref: unknown = null): SagaStore {
  return { compensable, step: 0, comp: -1, io, ref };
}

function nextCompensation(s: SagaStore): number {
  for (let j = s.comp; j >= 0; j--) if (s.compensable[j]) return j;
  return -1;
}

const impl: Implementations<SagaStore, SagaEvent> = {
  guards: {
    noSteps: (s) => s.compensable.length === 0,
    lastStep: (s) => s.step + 1 >= s.compensable.length,
    // Evaluated before markFailed runs (guards come before actions): look below the failed step.
    hasCompensation: (s) => {
      for (let j = s.step - 1; j >= 0; j--) if (s.compensable[j]) return true;
      return false;
    },
    hasCompensationBefore: (s) => {
      // Called with `comp` at the step just compensated; look below it.
      for (let j = s.comp - 1; j >= 0; j--) if (s.compensable[j]) return true;
      return false;
    },
  },
  actions: {
    callStep: (s) => s.io.callStep(s, s.step),
    advance: (s) => {
      s.step++;
    },
    markFailed: (s) => {
      s.comp = s.step - 1;
    },
    compensateNext: (s) => {
      const j = nextCompensation(s);
      s.comp = j;
      s.io.compensate(s, j);
    },
    stepBack: (s) => {
      s.comp--;
    },
    finishCompleted: (s) => s.io.finish(s, 'completed'),
    finishCompensated: (s) => s.io.finish(s, 'compensated'),
    finishFailed: (s) => s.io.finish(s, 'failed'),
  },
};

export const sagaChart: ChartConfig = {
  id: 'saga',
  initial: 'idle',
  states: {
    idle: { on: { START: [{ guard: 'noSteps', target: 'completed' }, { target: 'running' }] } },
    running: {
      entry: ['callStep'],
      on: {
        STEP_OK: [{ guard: 'lastStep', target: 'completed', actions: ['advance'] }, { actions: ['advance', 'callStep'] }],
        STEP_FAILED: [
          { guard: 'hasCompensation', target: 'compensating', actions: ['markFailed'] },
          { target: 'compensated', actions: ['markFailed'] },
        ],
      },
    },
    compensating: {
      entry: ['compensateNext'],
      on: {
        COMP_OK: [{ guard: 'hasCompensationBefore', actions: ['stepBack', 'compensateNext'] }, { target: 'compensated' }],
        COMP_FAILED: [{ target: 'failed' }],
      },
    },
    completed: { type: 'final', entry: ['finishCompleted'] },
    compensated: { type: 'final', entry: ['finishCompensated'] },
    failed: { type: 'final', entry: ['finishFailed'] },
  },
};

export const sagaImpl = impl;
export const sagaMachine = defineMachine(sagaChart, impl);
export const compiledSaga = new CompiledMachine<SagaStore, SagaEvent>(sagaMachine, impl);
export const SAGA_EVENTS = {
  START: compiledSaga.event('START'),
  STEP_OK: compiledSaga.event('STEP_OK'),
  STEP_FAILED: compiledSaga.event('STEP_FAILED'),
  COMP_OK: compiledSaga.event('COMP_OK'),
  COMP_FAILED: compiledSaga.event('COMP_FAILED'),
};
