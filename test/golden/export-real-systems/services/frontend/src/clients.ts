// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { GrpcClient } from './grpc.js';

export const clients = {
  /** gateway route to cart */
  cart: new GrpcClient("cart", env["CART_URL"], "cart.proto", "meshwright.cart.Cart", [{"name":"Call","method":"POST","path":"/"}], {}),
  /** gateway route to catalog */
  catalog: new GrpcClient("catalog", env["CATALOG_URL"], "catalog.proto", "meshwright.catalog.Catalog", [{"name":"Call","method":"POST","path":"/"}], {}),
} as const;
