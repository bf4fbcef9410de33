// The endpoints of the design's `api`: each answers a typed placeholder. Replace the TODOs with
// the business logic; the calls the design draws are already made by `dependencies()`.
import { SERVICE } from './config.js';
import { dependencies, type CallOutcome } from './dependencies.js';

export interface Reply<T> {
  status: number;
  body: T;
}

export interface Placeholder<P> {
  service: string;
  endpoint: string;
  params: P;
  todo: string;
  calls: CallOutcome[];
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
];
