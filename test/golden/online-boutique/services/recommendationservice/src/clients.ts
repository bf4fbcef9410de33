// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { GrpcClient } from './grpc.js';

export const clients = {
  /** call to productcatalogservice */
  productcatalogservice: new GrpcClient("productcatalogservice", env["PRODUCT_CATALOG_SERVICE_ADDR"], "productcatalogservice.proto", "meshwright.productcatalogservice.Productcatalogservice", [{"name":"ListProducts","method":"POST","path":"/ListProducts"},{"name":"GetProduct","method":"POST","path":"/GetProduct"},{"name":"SearchProducts","method":"POST","path":"/SearchProducts"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
