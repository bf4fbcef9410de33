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

export interface PostSagaChargeParams {
}

/** POST /saga/charge */
export async function postSagaCharge(params: PostSagaChargeParams, body: unknown): Promise<Reply<Placeholder<PostSagaChargeParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /saga/charge
  return { status: 200, body: { service: SERVICE, endpoint: "POST /saga/charge", params, todo: 'not implemented yet', calls } };
}

export interface PostSagaRefundParams {
}

/** POST /saga/refund */
export async function postSagaRefund(params: PostSagaRefundParams, body: unknown): Promise<Reply<Placeholder<PostSagaRefundParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /saga/refund
  return { status: 200, body: { service: SERVICE, endpoint: "POST /saga/refund", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/saga/charge", handle: (params, body) => postSagaCharge(params as unknown as PostSagaChargeParams, body) },
  { method: "POST", path: "/saga/refund", handle: (params, body) => postSagaRefund(params as unknown as PostSagaRefundParams, body) },
];
