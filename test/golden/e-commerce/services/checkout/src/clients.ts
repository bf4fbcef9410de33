// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** saga step to inventory-service */
  inventoryService: new ResilientClient("inventory-service", env["INVENTORY_SERVICE_URL"], {"idempotent":true,"timeoutMs":400,"retry":{"attempts":2,"backoffMs":100,"multiplier":2,"maxBackoffMs":30000,"jitter":"full"},"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":20000,"halfOpenCalls":10,"slowRate":1}}),
  /** saga step to payment-service */
  paymentService: new ResilientClient("payment-service", env["PAYMENT_SERVICE_URL"], {"timeoutMs":1000,"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** saga step to shipping-service */
  shippingService: new ResilientClient("shipping-service", env["SHIPPING_SERVICE_URL"], {"idempotent":true,"timeoutMs":800,"retry":{"attempts":3,"backoffMs":200,"multiplier":2,"maxBackoffMs":30000,"jitter":"full"},"breaker":{"failureRate":0.5,"window":40,"minCalls":20,"openForMs":20000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
