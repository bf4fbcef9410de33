// The kernel's event queue: a binary min-heap of slot indices over typed arrays, ordered by
// (time, seq) where seq is the insertion counter, so simultaneous events run in the order they
// were scheduled and a run is deterministic. Each event carries a type code, an object and an
// integer argument. Cancellation is lazy: the receiver checks whether the event is still current.
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private arg: Int32Array;
  private obj: unknown[];
  private heap: Int32Array;
  private free: Int32Array;
  private nFree = 0;
  private nSlots = 0;
  private n = 0;
  private counter = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
    this.obj = new Array<unknown>(capacity).fill(null);
    this.heap = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.time = g64(this.time);
    this.seq = g64(this.seq);
    this.kind = g32(this.kind);
    this.arg = g32(this.arg);
    this.heap = g32(this.heap);
    this.free = g32(this.free);
    for (let i = this.obj.length; i < cap; i++) this.obj.push(null);
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a]!;
    const tb = this.time[b]!;
    return ta < tb || (ta === tb && this.seq[a]! < this.seq[b]!);
  }

  push(t: number, kind: number, obj: unknown, arg = 0): void {
    let s: number;
    if (this.nFree > 0) s = this.free[--this.nFree]!;
    else {
      if (this.nSlots === this.time.length) this.grow();
      s = this.nSlots++;
    }
    this.time[s] = t;
    this.seq[s] = this.counter++;
    this.kind[s] = kind;
    this.arg[s] = arg;
    this.obj[s] = obj;
    const h = this.heap;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = h[p]!;
      if (!this.less(s, ps)) break;
      h[i] = ps;
      i = p;
    }
    h[i] = s;
  }

  /** Time of the next event (Infinity when empty). */
  peekTime(): number {
    return this.n === 0 ? Infinity : this.time[this.heap[0]!]!;
  }

  // The popped event's fields, valid until the next pop.
  popTime = 0;
  popKind = 0;
  popArg = 0;
  popObj: unknown = null;

  /** Removes the next event into popTime/popKind/popArg/popObj if it is due at or before
   * `end`; false when none is. */
  popUntil(end: number): boolean {
    if (this.n === 0) return false;
    const h = this.heap;
    const s = h[0]!;
    if (!(this.time[s]! <= end)) return false;
    this.popTime = this.time[s]!;
    this.popKind = this.kind[s]!;
    this.popArg = this.arg[s]!;
    this.popObj = this.obj[s];
    this.obj[s] = null;
    this.free[this.nFree++] = s;
    const last = h[--this.n]!;
    const n = this.n;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = h[l]!;
      let ci = l;
      if (r < n && this.less(h[r]!, c)) {
        c = h[r]!;
        ci = r;
      }
      if (!this.less(c, last)) break;
      h[i] = c;
      i = ci;
    }
    if (n > 0) h[i] = last;
    return true;
  }
}
