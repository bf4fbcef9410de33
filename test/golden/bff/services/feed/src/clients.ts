// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to recommendations */
  recommendations: new ResilientClient("recommendations", env["RECOMMENDATIONS_URL"], {"timeoutMs":350,"retry":{"attempts":2,"backoffMs":50,"multiplier":2,"maxBackoffMs":30000,"jitter":"full"},"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":15000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to profile */
  profile: new ResilientClient("profile", env["PROFILE_URL"], {"timeoutMs":300,"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":15000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
