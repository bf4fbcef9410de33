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

export interface GetApiProductsParams {
}

/** GET /api/products */
export async function getApiProducts(params: GetApiProductsParams, body: unknown): Promise<Reply<Placeholder<GetApiProductsParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /api/products
  return { status: 200, body: { service: SERVICE, endpoint: "GET /api/products", params, todo: 'not implemented yet', calls } };
}

export interface PostApiCartParams {
}

/** POST /api/cart */
export async function postApiCart(params: PostApiCartParams, body: unknown): Promise<Reply<Placeholder<PostApiCartParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /api/cart
  return { status: 200, body: { service: SERVICE, endpoint: "POST /api/cart", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "GET", path: "/api/products", handle: (params, body) => getApiProducts(params as unknown as GetApiProductsParams, body) },
  { method: "POST", path: "/api/cart", handle: (params, body) => postApiCart(params as unknown as PostApiCartParams, body) },
];
