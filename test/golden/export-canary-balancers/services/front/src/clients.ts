// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** gateway route to api */
  api: new ResilientClient("api", env["API_URL"], {"timeoutMs":1000}),
  /** gateway route to search */
  search: new ResilientClient("search", env["SEARCH_URL"], {"timeoutMs":1000}),
} as const;
