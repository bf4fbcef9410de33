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

export interface GetUsersIdParams {
  "id": string;
}

/** GET /users/:id */
export async function getUsersId(params: GetUsersIdParams, body: unknown): Promise<Reply<Placeholder<GetUsersIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /users/:id
  return { status: 200, body: { service: SERVICE, endpoint: "GET /users/:id", params, todo: 'not implemented yet', calls } };
}

export interface PutUsersIdParams {
  "id": string;
}

/** PUT /users/:id */
export async function putUsersId(params: PutUsersIdParams, body: unknown): Promise<Reply<Placeholder<PutUsersIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of PUT /users/:id
  return { status: 200, body: { service: SERVICE, endpoint: "PUT /users/:id", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "GET", path: "/users/:id", handle: (params, body) => getUsersId(params as unknown as GetUsersIdParams, body) },
  { method: "PUT", path: "/users/:id", handle: (params, body) => putUsersId(params as unknown as PutUsersIdParams, body) },
];
