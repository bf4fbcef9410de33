// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** cache miss: read from a-b-2 when the cache has no entry */
  aB: new ResilientClient("a-b-2", env["A_B_2_URL"], {}),
} as const;
