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

export interface PostGetquoteParams {
}

/** POST /GetQuote */
export async function postGetquote(params: PostGetquoteParams, body: unknown): Promise<Reply<Placeholder<PostGetquoteParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /GetQuote
  return { status: 200, body: { service: SERVICE, endpoint: "POST /GetQuote", params, todo: 'not implemented yet', calls } };
}

export interface PostShiporderParams {
}

/** POST /ShipOrder */
export async function postShiporder(params: PostShiporderParams, body: unknown): Promise<Reply<Placeholder<PostShiporderParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /ShipOrder
  return { status: 200, body: { service: SERVICE, endpoint: "POST /ShipOrder", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/GetQuote", handle: (params, body) => postGetquote(params as unknown as PostGetquoteParams, body) },
  { method: "POST", path: "/ShipOrder", handle: (params, body) => postShiporder(params as unknown as PostShiporderParams, body) },
];
