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

export interface PostOrdersParams {
}

/** POST /orders */
export async function postOrders(params: PostOrdersParams, body: unknown): Promise<Reply<Placeholder<PostOrdersParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /orders
  return { status: 200, body: { service: SERVICE, endpoint: "POST /orders", params, todo: 'not implemented yet', calls } };
}

export interface GetOrdersIdParams {
  "id": string;
}

/** GET /orders/:id */
export async function getOrdersId(params: GetOrdersIdParams, body: unknown): Promise<Reply<Placeholder<GetOrdersIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /orders/:id
  return { status: 200, body: { service: SERVICE, endpoint: "GET /orders/:id", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/orders", handle: (params, body) => postOrders(params as unknown as PostOrdersParams, body) },
  { method: "GET", path: "/orders/:id", handle: (params, body) => getOrdersId(params as unknown as GetOrdersIdParams, body) },
];
