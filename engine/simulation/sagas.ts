// Sagas: after its own work and plain calls, a saga node runs its orchestrator chart (one
// compiled-chart instance per running saga): steps in order, compensations in reverse when a
// step fails. Steps start from the event queue, so a step that ends at once cannot re-enter the
// chart mid-transition; the visit ends with the saga's outcome.
import { E_START_CALL } from './events.js';
import { CallRun, OK, OWN_SAGA, PH_SAGA, SagaRun, type Visit } from './runtime.js';
import { compiledSaga, SAGA_EVENTS, type SagaEvent, type SagaIo, type SagaOutcome } from './machines/saga.js';
import type { Simulation } from './simulate.js';

const SAGA_START: SagaEvent = { type: 'START' };
const SAGA_EVENT: SagaEvent = { type: 'STEP_OK' };

export class Sagas {
  private readonly io: SagaIo;

  constructor(private readonly s: Simulation) {
    this.io = {
      callStep: (st, i) => this.call(st.ref as SagaRun, i, false),
      compensate: (st, j) => this.call(st.ref as SagaRun, j, true),
      finish: (st, o) => this.finish(st.ref as SagaRun, o),
    };
  }

  start(v: Visit): void {
    const n = v.node;
    v.phase = PH_SAGA;
    const run = new SagaRun(v, n, v.arrive >= this.s.warmup, this.io);
    v.saga = run;
    if (run.counted) n.saga!.started++;
    this.s.replay?.sagaStart(run);
    run.state = compiledSaga.send(compiledSaga.initial, run.store, SAGA_EVENTS.START, SAGA_START);
  }

  private call(run: SagaRun, step: number, comp: boolean): void {
    const v = run.visit;
    const c = new CallRun(run.node.steps[step]!.edge, OWN_SAGA, run, v.rep!.idx, run.counted, v.key, undefined, v.trace, v.span);
    c.stepIdx = step;
    c.isComp = comp;
    if (comp) c.compOp = run.node.steps[step]!.compOp;
    this.s.replay?.sagaStep(run, step, comp);
    this.s.k.at(this.s.k.now, E_START_CALL, c, 0);
  }

  callDone(run: SagaRun, c: CallRun, cause: number): void {
    if (run.visit.done) return;
    this.s.replay?.sagaStepDone(run, cause === OK);
    let ev: number;
    if (c.isComp) ev = cause === OK ? SAGA_EVENTS.COMP_OK : SAGA_EVENTS.COMP_FAILED;
    else {
      ev = cause === OK ? SAGA_EVENTS.STEP_OK : SAGA_EVENTS.STEP_FAILED;
      if (cause !== OK) run.failCause = cause;
    }
    run.state = compiledSaga.send(run.state, run.store, ev, SAGA_EVENT);
  }

  private finish(run: SagaRun, outcome: SagaOutcome): void {
    const stats = run.node.saga!;
    if (run.counted) stats[outcome]++;
    this.s.replay?.sagaEnd(run, outcome);
    this.s.nodes.finish(run.visit, outcome === 'completed' ? OK : run.failCause);
  }
}
