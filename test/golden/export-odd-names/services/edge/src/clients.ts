// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** gateway route to order-service */
  orderService: new ResilientClient("order-service", env["ORDER_SERVICE_URL"], {"timeoutMs":300}),
  /** gateway route to order-service-2 */
  orderService2: new ResilientClient("order-service-2", env["ORDER_SERVICE_2_URL"], {}),
  /** gateway route to etc */
  etc: new ResilientClient("etc", env["ETC_URL"], {}),
} as const;
