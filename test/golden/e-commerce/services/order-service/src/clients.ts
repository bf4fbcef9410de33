// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to inventory-service */
  inventoryService: new ResilientClient("inventory-service", env["INVENTORY_SERVICE_URL"], {"idempotent":true,"timeoutMs":400,"retry":{"attempts":3,"backoffMs":100,"multiplier":2,"maxBackoffMs":1000,"jitter":"full"},"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":20000,"halfOpenCalls":5,"slowCallMs":300,"slowRate":0.8}}),
  /** call to shipping-service */
  shippingService: new ResilientClient("shipping-service", env["SHIPPING_SERVICE_URL"], {"timeoutMs":400,"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":20000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
