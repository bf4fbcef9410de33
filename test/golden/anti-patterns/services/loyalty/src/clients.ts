// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to campaigns */
  campaigns: new ResilientClient("campaigns", env["CAMPAIGNS_URL"], {"timeoutMs":500}),
} as const;
