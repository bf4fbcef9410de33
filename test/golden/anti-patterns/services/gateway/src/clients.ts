// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** gateway route to bff */
  bff: new ResilientClient("bff", env["BFF_URL"], {"timeoutMs":3000,"retry":{"attempts":3,"backoffMs":50,"multiplier":2,"maxBackoffMs":30000,"jitter":"none"}}),
  /** gateway route to reporting */
  reporting: new ResilientClient("reporting", env["REPORTING_URL"], {}),
  /** gateway route to checkout */
  checkout: new ResilientClient("checkout", env["CHECKOUT_URL"], {}),
} as const;
