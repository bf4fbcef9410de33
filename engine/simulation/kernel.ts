// The kernel: the simulated clock, the event queue and the dispatch of each event to the
// handler its concern registered (events.ts lists the types). It knows events and time, not
// node kinds. The loop stops at the end time, at the event cap, when the clock is stuck at one
// instant (a zero-time loop), or when a concern sets `stopped`; progress is reported and a
// cancel checked every `progressEvery` events.
import { EventQueue } from './heap.js';
import { EVENT_KINDS, E_TIMER } from './events.js';
import { STALL_EVENTS } from './runtime.js';

export type Stopped = 'events' | 'inFlight' | 'backlog' | null;
export type Handler = (obj: unknown, arg: number) => void;

export class SimulationCancelled extends Error {}

export interface LoopOptions {
  end: number;
  maxEvents: number;
  progressEvery: number;
  onProgress?: (p: { events: number; time: number; duration: number }) => void;
  shouldCancel?: () => boolean;
}

export class Kernel {
  readonly q = new EventQueue(4096);
  /** Simulated time (ms). */
  now = 0;
  events = 0;
  stopped: Stopped = null;
  private readonly handlers: Handler[] = new Array<Handler>(EVENT_KINDS);

  constructor() {
    // A state chart's delayed transition (timers.ts): the machine knows which timer it is.
    this.handlers[E_TIMER] = (obj, arg) => (obj as { fire(arg: number): void }).fire(arg);
  }

  on(kind: number, h: Handler): void {
    this.handlers[kind] = h;
  }

  /** Schedules an event at simulated time t. */
  at(t: number, kind: number, obj: unknown, arg = 0): void {
    this.q.push(t, kind, obj, arg);
  }

  run(o: LoopOptions): void {
    const q = this.q;
    const handlers = this.handlers;
    const { end, maxEvents, progressEvery, onProgress, shouldCancel } = o;
    let nextReport = progressEvery;
    let instant = -1;
    let instantEvents = 0;
    while (q.popUntil(end)) {
      if (q.popTime !== instant) {
        instant = q.popTime;
        instantEvents = this.events;
      } else if (this.events - instantEvents >= STALL_EVENTS) {
        // The clock no longer moves: a zero-time loop (a consumer republishing to itself).
        this.stopped = 'events';
        break;
      }
      this.now = q.popTime;
      if (this.events >= maxEvents) {
        this.stopped = 'events';
        break;
      }
      this.events++;
      handlers[q.popKind]!(q.popObj, q.popArg);
      if (this.stopped !== null) break;
      if (this.events >= nextReport) {
        nextReport += progressEvery;
        if (onProgress) onProgress({ events: this.events, time: this.now, duration: end });
        if (shouldCancel && shouldCancel()) throw new SimulationCancelled('simulation cancelled');
      }
    }
    // A run stopped by a guard rail reports what it reached.
    if (this.stopped === null) this.now = end;
    if (onProgress) onProgress({ events: this.events, time: this.now, duration: end });
  }
}
