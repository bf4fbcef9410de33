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

export interface GetProductsParams {
}

/** GET /products */
export async function getProducts(params: GetProductsParams, body: unknown): Promise<Reply<Placeholder<GetProductsParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /products
  return { status: 200, body: { service: SERVICE, endpoint: "GET /products", params, todo: 'not implemented yet', calls } };
}

export interface GetProductsIdParams {
  "id": string;
}

/** GET /products/:id */
export async function getProductsId(params: GetProductsIdParams, body: unknown): Promise<Reply<Placeholder<GetProductsIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /products/:id
  return { status: 200, body: { service: SERVICE, endpoint: "GET /products/:id", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "GET", path: "/products", handle: (params, body) => getProducts(params as unknown as GetProductsParams, body) },
  { method: "GET", path: "/products/:id", handle: (params, body) => getProductsId(params as unknown as GetProductsIdParams, body) },
];
