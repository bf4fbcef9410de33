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

export interface GetCartParams {
}

/** GET /cart */
export async function getCart(params: GetCartParams, body: unknown): Promise<Reply<Placeholder<GetCartParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /cart
  return { status: 200, body: { service: SERVICE, endpoint: "GET /cart", params, todo: 'not implemented yet', calls } };
}

export interface PostCartItemsParams {
}

/** POST /cart/items */
export async function postCartItems(params: PostCartItemsParams, body: unknown): Promise<Reply<Placeholder<PostCartItemsParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /cart/items
  return { status: 200, body: { service: SERVICE, endpoint: "POST /cart/items", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "GET", path: "/cart", handle: (params, body) => getCart(params as unknown as GetCartParams, body) },
  { method: "POST", path: "/cart/items", handle: (params, body) => postCartItems(params as unknown as PostCartItemsParams, body) },
];
