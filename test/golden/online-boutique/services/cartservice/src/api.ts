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

export interface PostGetcartParams {
}

/** POST /GetCart */
export async function postGetcart(params: PostGetcartParams, body: unknown): Promise<Reply<Placeholder<PostGetcartParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /GetCart
  return { status: 200, body: { service: SERVICE, endpoint: "POST /GetCart", params, todo: 'not implemented yet', calls } };
}

export interface PostAdditemParams {
}

/** POST /AddItem */
export async function postAdditem(params: PostAdditemParams, body: unknown): Promise<Reply<Placeholder<PostAdditemParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /AddItem
  return { status: 200, body: { service: SERVICE, endpoint: "POST /AddItem", params, todo: 'not implemented yet', calls } };
}

export interface PostEmptycartParams {
}

/** POST /EmptyCart */
export async function postEmptycart(params: PostEmptycartParams, body: unknown): Promise<Reply<Placeholder<PostEmptycartParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /EmptyCart
  return { status: 200, body: { service: SERVICE, endpoint: "POST /EmptyCart", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/GetCart", handle: (params, body) => postGetcart(params as unknown as PostGetcartParams, body) },
  { method: "POST", path: "/AddItem", handle: (params, body) => postAdditem(params as unknown as PostAdditemParams, body) },
  { method: "POST", path: "/EmptyCart", handle: (params, body) => postEmptycart(params as unknown as PostEmptycartParams, body) },
];
