// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** gateway route to api */
  api: new ResilientClient("api", env["API_URL"], {"timeoutMs":800,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":10000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
