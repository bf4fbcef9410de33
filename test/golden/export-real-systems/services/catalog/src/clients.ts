// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to ads */
  ads: new ResilientClient("ads", env["ADS_URL"], {"timeoutMs":200}),
} as const;
