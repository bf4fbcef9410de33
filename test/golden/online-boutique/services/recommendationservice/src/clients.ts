// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to productcatalogservice */
  productcatalogservice: new ResilientClient("productcatalogservice", env.PRODUCTCATALOGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
