// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to catalog */
  catalog: new ResilientClient("catalog", env["CATALOG_URL"], {"timeoutMs":200}),
  /** call to cart */
  cart: new ResilientClient("cart", env["CART_URL"], {"timeoutMs":300}),
  /** call to tax */
  tax: new ResilientClient("tax", env["TAX_URL"], {"timeoutMs":100}),
  /** call to card-payments */
  cardPayments: new ResilientClient("card-payments", env["CARD_PAYMENTS_URL"], {"timeoutMs":1000,"retry":{"attempts":3,"backoffMs":200,"multiplier":2,"maxBackoffMs":30000,"jitter":"full"},"breaker":{"failureRate":0.5,"window":100,"minCalls":100,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to shipping */
  shipping: new ResilientClient("shipping", env["SHIPPING_URL"], {"timeoutMs":1000}),
  /** call to customers */
  customers: new ResilientClient("customers", env["CUSTOMERS_URL"], {"timeoutMs":1000}),
} as const;
