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

export interface PostSagaNotifyParams {
}

/** POST /saga/notify */
export async function postSagaNotify(params: PostSagaNotifyParams, body: unknown): Promise<Reply<Placeholder<PostSagaNotifyParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /saga/notify
  return { status: 200, body: { service: SERVICE, endpoint: "POST /saga/notify", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/saga/notify", handle: (params, body) => postSagaNotify(params as unknown as PostSagaNotifyParams, body) },
];
