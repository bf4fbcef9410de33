// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** gateway route to cart */
  cart: new ResilientClient("cart", env.CART_URL, {}),
  /** gateway route to catalog */
  catalog: new ResilientClient("catalog", env.CATALOG_URL, {}),
} as const;
