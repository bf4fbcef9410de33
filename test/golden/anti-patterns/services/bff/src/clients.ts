// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to orders */
  orders: new ResilientClient("orders", env["ORDERS_URL"], {"timeoutMs":2000,"retry":{"attempts":3,"backoffMs":100,"multiplier":2,"maxBackoffMs":30000,"jitter":"none"}}),
} as const;
