// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { GrpcClient } from './grpc.js';

export const clients = {
  /** gateway route to cart */
  cart: new GrpcClient("cart", env["CART_URL"], "cart.proto", "meshwright.cart.Cart", [{"name":"GetCartUser","method":"GET","path":"/cart/:user"},{"name":"PostCartUserItems","method":"POST","path":"/cart/:user/items"}], {"timeoutMs":1000}),
  /** gateway route to catalog */
  catalog: new GrpcClient("catalog", env["CATALOG_URL"], "catalog.proto", "meshwright.catalog.Catalog", [{"name":"GetProductsId","method":"GET","path":"/products/:id"},{"name":"ListProducts","method":"POST","path":"/ListProducts"},{"name":"GetProduct","method":"POST","path":"/GetProduct"}], {"timeoutMs":500}),
} as const;
