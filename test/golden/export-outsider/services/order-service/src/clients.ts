// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to payments-v2 */
  paymentsV2: new ResilientClient("payments-v2", env["PAYMENTS_V2_URL"], {"timeoutMs":300}),
  /** call to ber */
  ber: new ResilientClient("ber", env["BER_URL"], {"timeoutMs":800,"retry":{"attempts":3,"backoffMs":100,"multiplier":2,"maxBackoffMs":30000,"jitter":"none"}}),
  /** call to etc-passwd */
  etcPasswd: new ResilientClient("etc-passwd", env["ETC_PASSWD_URL"], {"timeoutMs":800,"breaker":{"failureRate":0.5,"window":10,"minCalls":5,"openForMs":20000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to a-b */
  aB: new ResilientClient("a-b", env["A_B_URL"], {"timeoutMs":800}),
} as const;
