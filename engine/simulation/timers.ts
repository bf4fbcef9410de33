// A compiled state chart whose `after` delays run on the simulation's event queue: entering a
// state schedules an E_TIMER event per delay at now + delay; leaving it bumps that timer's
// generation, so the event, when it comes, is ignored (cancelled lazily, as the kernel cancels
// timeouts: nothing is searched or removed). One instance per machine instance.
import type { CompiledMachine, MachineEvent, TimerHost } from './machines/compile.js';
import { E_TIMER } from './events.js';
import type { Kernel } from './kernel.js';

export class TimedMachine<S, E extends MachineEvent> implements TimerHost {
  state: number;
  /** Per timer: bumped on every cancel; an event of an older generation is stale. */
  private readonly gen: Float64Array;
  /** Called on every change of state, timers' included; null: nobody listens. */
  onChange: ((at: number, from: string, to: string) => void) | null = null;

  constructor(
    private readonly k: Kernel,
    readonly machine: CompiledMachine<S, E>,
    readonly store: S,
    init: E,
  ) {
    this.gen = new Float64Array(machine.timers.length);
    this.state = machine.start(store, init, this);
  }

  schedule(timer: number, delay: number): void {
    this.k.at(this.k.now + delay, E_TIMER, this, timer + this.gen.length * this.gen[timer]!);
  }

  cancel(timer: number): void {
    this.gen[timer]!++;
  }

  /** An event from outside (its index: machine.event(type)). */
  send(eventIndex: number, event: E): void {
    const before = this.state;
    this.state = this.machine.sendTimed(before, this.store, eventIndex, event, this);
    if (this.state !== before && this.onChange !== null)
      this.onChange(this.k.now, this.machine.states[before]!, this.machine.states[this.state]!);
  }

  /** The kernel's E_TIMER: a timer is due, unless its state was left since it was scheduled. */
  fire(arg: number): void {
    const n = this.gen.length;
    const timer = arg % n;
    if ((arg - timer) / n !== this.gen[timer]) return;
    const t = this.machine.timers[timer]!;
    this.send(t.event, t.fired);
  }
}
