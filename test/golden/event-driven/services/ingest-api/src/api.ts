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

export interface PostUploadsParams {
}

/** POST /uploads */
export async function postUploads(params: PostUploadsParams, body: unknown): Promise<Reply<Placeholder<PostUploadsParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /uploads
  return { status: 200, body: { service: SERVICE, endpoint: "POST /uploads", params, todo: 'not implemented yet', calls } };
}

export interface GetUploadsIdParams {
  "id": string;
}

/** GET /uploads/:id */
export async function getUploadsId(params: GetUploadsIdParams, body: unknown): Promise<Reply<Placeholder<GetUploadsIdParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of GET /uploads/:id
  return { status: 200, body: { service: SERVICE, endpoint: "GET /uploads/:id", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/uploads", handle: (params, body) => postUploads(params as unknown as PostUploadsParams, body) },
  { method: "GET", path: "/uploads/:id", handle: (params, body) => getUploadsId(params as unknown as GetUploadsIdParams, body) },
];
