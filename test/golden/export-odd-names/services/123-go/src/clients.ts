// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to kustomization-2 */
  kustomization: new ResilientClient("kustomization-2", env["KUSTOMIZATION_2_URL"], {}),
  /** async call to service */
  node: new ResilientClient("service", env["SERVICE_URL"], {}),
} as const;
