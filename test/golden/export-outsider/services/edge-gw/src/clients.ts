// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** gateway route to order-service */
  orderService: new ResilientClient("order-service", env["ORDER_SERVICE_URL"], {"timeoutMs":800}),
  /** gateway route to payments-v2 */
  paymentsV2: new ResilientClient("payments-v2", env["PAYMENTS_V2_URL"], {"timeoutMs":800}),
  /** gateway route to ber */
  ber: new ResilientClient("ber", env["BER_URL"], {"timeoutMs":800}),
} as const;
