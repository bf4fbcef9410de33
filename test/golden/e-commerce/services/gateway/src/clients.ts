// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** gateway route to user-service */
  userService: new ResilientClient("user-service", env["USER_SERVICE_URL"], {"timeoutMs":500,"retry":{"attempts":2,"backoffMs":50,"multiplier":2,"maxBackoffMs":30000,"jitter":"full"},"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":15000,"halfOpenCalls":10,"slowRate":1}}),
  /** gateway route to order-service */
  orderService: new ResilientClient("order-service", env["ORDER_SERVICE_URL"], {"timeoutMs":2000,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":15000,"halfOpenCalls":10,"slowRate":1}}),
  /** gateway route to inventory-service */
  inventoryService: new ResilientClient("inventory-service", env["INVENTORY_SERVICE_URL"], {"timeoutMs":500,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":15000,"halfOpenCalls":10,"slowRate":1}}),
  /** gateway route to checkout */
  checkout: new ResilientClient("checkout", env["CHECKOUT_URL"], {"timeoutMs":5000,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
