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

export interface PostPaymentsParams {
}

/** POST /payments */
export async function postPayments(params: PostPaymentsParams, body: unknown): Promise<Reply<Placeholder<PostPaymentsParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /payments
  return { status: 200, body: { service: SERVICE, endpoint: "POST /payments", params, todo: 'not implemented yet', calls } };
}

export interface PostPaymentsIdRefundParams {
  "id": string;
}

/** POST /payments/:id/refund */
export async function postPaymentsIdRefund(params: PostPaymentsIdRefundParams, body: unknown): Promise<Reply<Placeholder<PostPaymentsIdRefundParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /payments/:id/refund
  return { status: 200, body: { service: SERVICE, endpoint: "POST /payments/:id/refund", params, todo: 'not implemented yet', calls } };
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

export interface PostSagaPost202fpayments2f3aid2frefundParams {
}

/** POST /saga/POST%20%2Fpayments%2F%3Aid%2Frefund */
export async function postSagaPost202fpayments2f3aid2frefund(params: PostSagaPost202fpayments2f3aid2frefundParams, body: unknown): Promise<Reply<Placeholder<PostSagaPost202fpayments2f3aid2frefundParams>>> {
  void body; // TODO: validate the request body
  const calls = await dependencies(body);
  // TODO: the business logic of POST /saga/POST%20%2Fpayments%2F%3Aid%2Frefund
  return { status: 200, body: { service: SERVICE, endpoint: "POST /saga/POST%20%2Fpayments%2F%3Aid%2Frefund", params, todo: 'not implemented yet', calls } };
}

export interface Route {
  method: string;
  path: string;
  /** params holds every :name of the path (the matcher guarantees it) */
  handle: (params: Record<string, string>, body: unknown) => Promise<Reply<unknown>>;
}

export const routes: Route[] = [
  { method: "POST", path: "/payments", handle: (params, body) => postPayments(params as unknown as PostPaymentsParams, body) },
  { method: "POST", path: "/payments/:id/refund", handle: (params, body) => postPaymentsIdRefund(params as unknown as PostPaymentsIdRefundParams, body) },
  { method: "POST", path: "/saga/charge", handle: (params, body) => postSagaCharge(params as unknown as PostSagaChargeParams, body) },
  { method: "POST", path: "/saga/POST%20%2Fpayments%2F%3Aid%2Frefund", handle: (params, body) => postSagaPost202fpayments2f3aid2frefund(params as unknown as PostSagaPost202fpayments2f3aid2frefundParams, body) },
];
