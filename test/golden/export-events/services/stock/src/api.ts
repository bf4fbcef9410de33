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

export interface PostSagaReserveParams {
}

/** POST /saga/reserve */
export async function postSagaReserve(params: PostSagaReserveParams, body: unknown): Promise<Reply<Placeholder<PostSagaReserveParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /saga/reserve
  return { status: 200, body: { service: SERVICE, endpoint: "POST /saga/reserve", params, todo: 'not implemented yet', calls } };
}

export interface PostSagaReleaseParams {
}

/** POST /saga/release */
export async function postSagaRelease(params: PostSagaReleaseParams, body: unknown): Promise<Reply<Placeholder<PostSagaReleaseParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /saga/release
  return { status: 200, body: { service: SERVICE, endpoint: "POST /saga/release", params, todo: 'not implemented yet', calls } };
}

export interface PostSagaShipParams {
}

/** POST /saga/ship */
export async function postSagaShip(params: PostSagaShipParams, body: unknown): Promise<Reply<Placeholder<PostSagaShipParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /saga/ship
  return { status: 200, body: { service: SERVICE, endpoint: "POST /saga/ship", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/saga/reserve", handle: (params, body) => postSagaReserve(params as unknown as PostSagaReserveParams, body) },
  { method: "POST", path: "/saga/release", handle: (params, body) => postSagaRelease(params as unknown as PostSagaReleaseParams, body) },
  { method: "POST", path: "/saga/ship", handle: (params, body) => postSagaShip(params as unknown as PostSagaShipParams, body) },
];
