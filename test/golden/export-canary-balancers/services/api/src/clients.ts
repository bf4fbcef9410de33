// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';
import { GrpcClient } from './grpc.js';

export const clients = {
  /** call to ranker */
  ranker: new GrpcClient("ranker", env["RANKER_URL"], "ranker.proto", "meshwright.ranker.Ranker", [{"name":"Call","method":"POST","path":"/"}], {"timeoutMs":200,"retry":{"attempts":3,"backoffMs":20,"multiplier":2,"maxBackoffMs":50,"jitter":"none"},"breaker":{"failureRate":0.25,"window":20,"minCalls":8,"openForMs":10000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to search */
  search: new ResilientClient("search", env["SEARCH_URL"], {"timeoutMs":500}),
} as const;
