// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';

export const clients = {
} as const;
