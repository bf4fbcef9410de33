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

export interface GetParams {
}

/** GET / */
export async function get(params: GetParams, body: unknown): Promise<Reply<Placeholder<GetParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /
  return { status: 200, body: { service: SERVICE, endpoint: "GET /", params, todo: 'not implemented yet', calls } };
}

export interface PostSetcurrencyParams {
}

/** POST /setCurrency */
export async function postSetcurrency(params: PostSetcurrencyParams, body: unknown): Promise<Reply<Placeholder<PostSetcurrencyParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /setCurrency
  return { status: 200, body: { service: SERVICE, endpoint: "POST /setCurrency", params, todo: 'not implemented yet', calls } };
}

export interface GetProductIdParams {
  "id": string;
}

/** GET /product/:id */
export async function getProductId(params: GetProductIdParams, body: unknown): Promise<Reply<Placeholder<GetProductIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /product/:id
  return { status: 200, body: { service: SERVICE, endpoint: "GET /product/:id", params, todo: 'not implemented yet', calls } };
}

export interface PostCartParams {
}

/** POST /cart */
export async function postCart(params: PostCartParams, body: unknown): Promise<Reply<Placeholder<PostCartParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /cart
  return { status: 200, body: { service: SERVICE, endpoint: "POST /cart", params, todo: 'not implemented yet', calls } };
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

export interface PostCartCheckoutParams {
}

/** POST /cart/checkout */
export async function postCartCheckout(params: PostCartCheckoutParams, body: unknown): Promise<Reply<Placeholder<PostCartCheckoutParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /cart/checkout
  return { status: 200, body: { service: SERVICE, endpoint: "POST /cart/checkout", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "GET", path: "/", handle: (params, body) => get(params as unknown as GetParams, body) },
  { method: "POST", path: "/setCurrency", handle: (params, body) => postSetcurrency(params as unknown as PostSetcurrencyParams, body) },
  { method: "GET", path: "/product/:id", handle: (params, body) => getProductId(params as unknown as GetProductIdParams, body) },
  { method: "POST", path: "/cart", handle: (params, body) => postCart(params as unknown as PostCartParams, body) },
  { method: "GET", path: "/cart", handle: (params, body) => getCart(params as unknown as GetCartParams, body) },
  { method: "POST", path: "/cart/checkout", handle: (params, body) => postCartCheckout(params as unknown as PostCartCheckoutParams, body) },
];
