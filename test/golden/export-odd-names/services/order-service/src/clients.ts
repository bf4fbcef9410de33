// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to a-b */
  aB: new ResilientClient("a-b", env["A_B_URL"], {"timeoutMs":1000,"retry":{"attempts":4,"backoffMs":50,"multiplier":3,"maxBackoffMs":200,"jitter":"none"}}),
} as const;
