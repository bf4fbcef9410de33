// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to payment-saga */
  paymentSaga: new ResilientClient("payment-saga", env["PAYMENT_SAGA_URL"], {"timeoutMs":5000}),
} as const;
