// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** gateway route to feed */
  feed: new ResilientClient("feed", env["FEED_URL"], {"timeoutMs":800,"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":15000,"halfOpenCalls":10,"slowRate":1}}),
  /** gateway route to catalog */
  catalog: new ResilientClient("catalog", env["CATALOG_URL"], {"timeoutMs":800,"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":15000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
