// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to on */
  on: new ResilientClient("on", env["ON_URL"], {}),
} as const;
