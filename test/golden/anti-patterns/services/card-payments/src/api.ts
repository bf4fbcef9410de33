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

export interface PostChargesParams {
}

/** POST /charges */
export async function postCharges(params: PostChargesParams, body: unknown): Promise<Reply<Placeholder<PostChargesParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /charges
  return { status: 200, body: { service: SERVICE, endpoint: "POST /charges", params, todo: 'not implemented yet', calls } };
}

export interface GetChargesIdParams {
  "id": string;
}

/** GET /charges/:id */
export async function getChargesId(params: GetChargesIdParams, body: unknown): Promise<Reply<Placeholder<GetChargesIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /charges/:id
  return { status: 200, body: { service: SERVICE, endpoint: "GET /charges/:id", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/charges", handle: (params, body) => postCharges(params as unknown as PostChargesParams, body) },
  { method: "GET", path: "/charges/:id", handle: (params, body) => getChargesId(params as unknown as GetChargesIdParams, body) },
];
