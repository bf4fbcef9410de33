// The kernel's event types: a code each, with the object it carries and who handles it.
// Simultaneous events run in the order they were scheduled (the kernel's sequence number), so
// the codes carry no priority.
/** A client's next request is due (ClientRt; arg: the client's generation). clients.ts */
export const E_ARRIVAL = 0;
/** A visit's own work is done (Visit). nodes.ts */
export const E_WORK = 1;
/** An edge's armed timeout timer (Edge). calls.ts */
export const E_TIMEOUT = 2;
/** A retry's backoff is over (CallRun). calls.ts */
export const E_RETRY = 3;
/** A try delayed on its edge reaches the callee (Visit). nodes.ts */
export const E_DELIVER = 4;
/** A fault starts (arg 0) or ends (arg 1) (FaultRt). faults.ts */
export const E_FAULT = 5;
/** An autoscaler's 15 s period (NodeRt). scaling.ts */
export const E_TICK = 6;
/** A started replica is ready (Replica; arg: its generation). scaling.ts */
export const E_READY = 7;
/** A saga step or compensation starts (CallRun). calls.ts */
export const E_START_CALL = 8;
/** The warmup ends (null). collect.ts */
export const E_MARK = 9;
/** A call's result goes on up a deep caller chain (CallRun; arg: the outcome). calls.ts */
export const E_FINISH = 10;
/** A callee's answer reaches the caller after the return half of the network time (CallRun;
 * arg: tryNo * 8 + outcome + 1). calls.ts */
export const E_ANSWER = 11;
/** A state chart's `after` timer is due (a TimedMachine; arg: timer + timers x generation). timers.ts */
export const E_TIMER = 12;
export const EVENT_KINDS = 13;
