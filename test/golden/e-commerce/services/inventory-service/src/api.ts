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

export interface PostReservationsParams {
}

/** POST /reservations */
export async function postReservations(params: PostReservationsParams, body: unknown): Promise<Reply<Placeholder<PostReservationsParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /reservations
  return { status: 200, body: { service: SERVICE, endpoint: "POST /reservations", params, todo: 'not implemented yet', calls } };
}

export interface DeleteReservationsIdParams {
  "id": string;
}

/** DELETE /reservations/:id */
export async function deleteReservationsId(params: DeleteReservationsIdParams, body: unknown): Promise<Reply<Placeholder<DeleteReservationsIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of DELETE /reservations/:id
  return { status: 200, body: { service: SERVICE, endpoint: "DELETE /reservations/:id", params, todo: 'not implemented yet', calls } };
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

export interface PostSagaDelete202freservations2f3aidParams {
}

/** POST /saga/DELETE%20%2Freservations%2F%3Aid */
export async function postSagaDelete202freservations2f3aid(params: PostSagaDelete202freservations2f3aidParams, body: unknown): Promise<Reply<Placeholder<PostSagaDelete202freservations2f3aidParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /saga/DELETE%20%2Freservations%2F%3Aid
  return { status: 200, body: { service: SERVICE, endpoint: "POST /saga/DELETE%20%2Freservations%2F%3Aid", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "GET", path: "/products", handle: (params, body) => getProducts(params as unknown as GetProductsParams, body) },
  { method: "POST", path: "/reservations", handle: (params, body) => postReservations(params as unknown as PostReservationsParams, body) },
  { method: "DELETE", path: "/reservations/:id", handle: (params, body) => deleteReservationsId(params as unknown as DeleteReservationsIdParams, body) },
  { method: "POST", path: "/saga/reserve", handle: (params, body) => postSagaReserve(params as unknown as PostSagaReserveParams, body) },
  { method: "POST", path: "/saga/DELETE%20%2Freservations%2F%3Aid", handle: (params, body) => postSagaDelete202freservations2f3aid(params as unknown as PostSagaDelete202freservations2f3aidParams, body) },
];
