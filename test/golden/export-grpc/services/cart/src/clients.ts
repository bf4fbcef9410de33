// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { GrpcClient } from './grpc.js';

export const clients = {
  /** call to catalog */
  catalog: new GrpcClient("catalog", env["PRODUCT_CATALOG_SERVICE_ADDR"], "catalog.proto", "meshwright.catalog.Catalog", [{"name":"GetProductsId","method":"GET","path":"/products/:id"},{"name":"ListProducts","method":"POST","path":"/ListProducts"},{"name":"GetProduct","method":"POST","path":"/GetProduct"}], {"idempotent":true,"timeoutMs":300,"retry":{"attempts":3,"backoffMs":20,"multiplier":2,"maxBackoffMs":30000,"jitter":"none"},"breaker":{"failureRate":0.5,"window":10,"minCalls":4,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
