// The saga "checkout" as an XState machine generated from the design: its steps in order, and
// when a step fails after its retries, the completed steps' compensations in reverse order.
// Outcome: completed, compensated, or failed (a compensation itself failed).
import { assign, createActor, fromPromise, setup, toPromise } from 'xstate';
import { clients } from './clients.js';
import { log } from './runtime.js';

export type SagaOutcome = 'completed' | 'compensated' | 'failed';

export interface SagaContext {
  payload: unknown;
  completed: string[];
  failedStep?: string;
  error?: string;
  outcome?: SagaOutcome;
}

export interface SagaResult {
  outcome: SagaOutcome;
  completed: string[];
  failedStep?: string;
  error?: string;
}

export const sagaMachine = setup({
  types: { context: {} as SagaContext, input: {} as { payload: unknown }, output: {} as SagaResult },
  actors: {
    stepReserve: fromPromise<unknown, { payload: unknown }>(async ({ input }) => (await clients.inventoryService.request('POST', "/saga/reserve", input.payload ?? {})).body),
    stepCharge: fromPromise<unknown, { payload: unknown }>(async ({ input }) => (await clients.paymentService.request('POST', "/saga/charge", input.payload ?? {})).body),
    stepShip: fromPromise<unknown, { payload: unknown }>(async ({ input }) => (await clients.shippingService.request('POST', "/saga/ship", input.payload ?? {})).body),
    compensateReserve: fromPromise<unknown, { payload: unknown }>(async ({ input }) => (await clients.inventoryService.request('POST', "/saga/DELETE%20%2Freservations%2F%3Aid", input.payload ?? {})).body),
    compensateCharge: fromPromise<unknown, { payload: unknown }>(async ({ input }) => (await clients.paymentService.request('POST', "/saga/POST%20%2Fpayments%2F%3Aid%2Frefund", input.payload ?? {})).body),
  },
}).createMachine({
  id: "checkout",
  context: ({ input }) => ({ payload: input.payload, completed: [] }),
  initial: "stepReserve",
  states: {
    stepReserve: {
      invoke: {
        src: "stepReserve",
        input: ({ context }) => ({ payload: context.payload }),
        onDone: { target: "stepCharge", actions: assign({ completed: ({ context }) => [...context.completed, "reserve"] }) },
        onError: {
          target: "compensated",
          actions: assign({ failedStep: "reserve", error: ({ event }) => String(event.error) }),
        },
      },
    },
    stepCharge: {
      invoke: {
        src: "stepCharge",
        input: ({ context }) => ({ payload: context.payload }),
        onDone: { target: "stepShip", actions: assign({ completed: ({ context }) => [...context.completed, "charge"] }) },
        onError: {
          target: "compensateReserve",
          actions: assign({ failedStep: "charge", error: ({ event }) => String(event.error) }),
        },
      },
    },
    stepShip: {
      invoke: {
        src: "stepShip",
        input: ({ context }) => ({ payload: context.payload }),
        onDone: { target: "completed", actions: assign({ completed: ({ context }) => [...context.completed, "ship"] }) },
        onError: {
          target: "compensateCharge",
          actions: assign({ failedStep: "ship", error: ({ event }) => String(event.error) }),
        },
      },
    },
    compensateReserve: {
      invoke: {
        src: "compensateReserve",
        input: ({ context }) => ({ payload: context.payload }),
        onDone: { target: "compensated" },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => String(event.error) }) },
      },
    },
    compensateCharge: {
      invoke: {
        src: "compensateCharge",
        input: ({ context }) => ({ payload: context.payload }),
        onDone: { target: "compensateReserve" },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => String(event.error) }) },
      },
    },
    completed: { type: 'final', entry: assign({ outcome: 'completed' as const }) },
    compensated: { type: 'final', entry: assign({ outcome: 'compensated' as const }) },
    failed: { type: 'final', entry: assign({ outcome: 'failed' as const }) },
  },
  output: ({ context }) => ({
    outcome: context.outcome ?? 'failed',
    completed: context.completed,
    ...(context.failedStep ? { failedStep: context.failedStep } : {}),
    ...(context.error ? { error: context.error } : {}),
  }),
});

export async function runSaga(payload: unknown): Promise<SagaResult> {
  const actor = createActor(sagaMachine, { input: { payload } });
  actor.start();
  const result = await toPromise(actor);
  log(result.outcome === 'completed' ? 'info' : 'warn', 'saga finished', { ...result });
  return result;
}
