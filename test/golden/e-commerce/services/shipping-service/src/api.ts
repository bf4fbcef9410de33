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

export interface PostShipmentsParams {
}

/** POST /shipments */
export async function postShipments(params: PostShipmentsParams, body: unknown): Promise<Reply<Placeholder<PostShipmentsParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /shipments
  return { status: 200, body: { service: SERVICE, endpoint: "POST /shipments", params, todo: 'not implemented yet', calls } };
}

export interface GetShipmentsIdParams {
  "id": string;
}

/** GET /shipments/:id */
export async function getShipmentsId(params: GetShipmentsIdParams, body: unknown): Promise<Reply<Placeholder<GetShipmentsIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /shipments/:id
  return { status: 200, body: { service: SERVICE, endpoint: "GET /shipments/:id", params, todo: 'not implemented yet', calls } };
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
  { method: "POST", path: "/shipments", handle: (params, body) => postShipments(params as unknown as PostShipmentsParams, body) },
  { method: "GET", path: "/shipments/:id", handle: (params, body) => getShipmentsId(params as unknown as GetShipmentsIdParams, body) },
  { method: "POST", path: "/saga/ship", handle: (params, body) => postSagaShip(params as unknown as PostSagaShipParams, body) },
];
