// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to pricing */
  pricing: new ResilientClient("pricing", env["PRICING_URL"], {"timeoutMs":1000}),
  /** call to inventory */
  inventory: new ResilientClient("inventory", env["INVENTORY_URL"], {"timeoutMs":1000}),
  /** call to customers */
  customers: new ResilientClient("customers", env["CUSTOMERS_URL"], {}),
  /** call to shipping */
  shipping: new ResilientClient("shipping", env["SHIPPING_URL"], {"timeoutMs":1000}),
  /** call to fraud-check */
  fraudCheck: new ResilientClient("fraud-check", env["FRAUD_CHECK_URL"], {"timeoutMs":1000}),
} as const;
