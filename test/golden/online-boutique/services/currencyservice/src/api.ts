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

export interface PostGetsupportedcurrenciesParams {
}

/** POST /GetSupportedCurrencies */
export async function postGetsupportedcurrencies(params: PostGetsupportedcurrenciesParams, body: unknown): Promise<Reply<Placeholder<PostGetsupportedcurrenciesParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /GetSupportedCurrencies
  return { status: 200, body: { service: SERVICE, endpoint: "POST /GetSupportedCurrencies", params, todo: 'not implemented yet', calls } };
}

export interface PostConvertParams {
}

/** POST /Convert */
export async function postConvert(params: PostConvertParams, body: unknown): Promise<Reply<Placeholder<PostConvertParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /Convert
  return { status: 200, body: { service: SERVICE, endpoint: "POST /Convert", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/GetSupportedCurrencies", handle: (params, body) => postGetsupportedcurrencies(params as unknown as PostGetsupportedcurrenciesParams, body) },
  { method: "POST", path: "/Convert", handle: (params, body) => postConvert(params as unknown as PostConvertParams, body) },
];
