// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to fulfil */
  fulfil: new ResilientClient("fulfil", env["FULFIL_URL"], {"timeoutMs":5000}),
} as const;
