// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** saga step to stock */
  stock: new ResilientClient("stock", env["STOCK_URL"], {"retry":{"attempts":3,"backoffMs":100,"multiplier":2,"maxBackoffMs":30000,"jitter":"none"}}),
  /** saga step to mailer */
  mailer: new ResilientClient("mailer", env["MAILER_URL"], {}),
  /** saga step to billing */
  billing: new ResilientClient("billing", env["BILLING_URL"], {"timeoutMs":2000,"breaker":{"failureRate":0.5,"window":10,"minCalls":5,"openForMs":5000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
