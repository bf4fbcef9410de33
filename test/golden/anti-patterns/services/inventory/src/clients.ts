// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to orders */
  orders: new ResilientClient("orders", env["ORDERS_URL"], {"timeoutMs":1000}),
} as const;
