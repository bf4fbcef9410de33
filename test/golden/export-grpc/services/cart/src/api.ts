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

export interface GetCartUserParams {
  "user": string;
}

/** GET /cart/:user */
export async function getCartUser(params: GetCartUserParams, body: unknown): Promise<Reply<Placeholder<GetCartUserParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /cart/:user
  return { status: 200, body: { service: SERVICE, endpoint: "GET /cart/:user", params, todo: 'not implemented yet', calls } };
}

export interface PostCartUserItemsParams {
  "user": string;
}

/** POST /cart/:user/items */
export async function postCartUserItems(params: PostCartUserItemsParams, body: unknown): Promise<Reply<Placeholder<PostCartUserItemsParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /cart/:user/items
  return { status: 200, body: { service: SERVICE, endpoint: "POST /cart/:user/items", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "GET", path: "/cart/:user", handle: (params, body) => getCartUser(params as unknown as GetCartUserParams, body) },
  { method: "POST", path: "/cart/:user/items", handle: (params, body) => postCartUserItems(params as unknown as PostCartUserItemsParams, body) },
];
