// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to a-b */
  aB: new ResilientClient("a-b", env["A_B_URL"], {"timeoutMs":800}),
} as const;
