// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** saga step to inventory */
  inventory: new ResilientClient("inventory", env["INVENTORY_URL"], {}),
  /** saga step to payments */
  payments: new ResilientClient("payments", env["PAYMENTS_URL"], {}),
  /** saga step to shipping */
  shipping: new ResilientClient("shipping", env["SHIPPING_URL"], {}),
} as const;
