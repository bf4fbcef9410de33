// A host and a client for any message port (a Worker, a MessagePort, the worker's own scope):
// the client numbers requests and resolves each promise with the response bearing its id; the
// host validates what arrives and answers every request exactly once, failures included.
import { isEngineRequest, isEngineResponse, type EngineRequest, type EngineResponse, type ResponseTo } from './messages.js';

/** The little of MessagePort/Worker that the protocol needs (the engine has no DOM types). */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;
export type RequestBody = Body<EngineRequest>;

export interface EngineClient {
  request<R extends RequestBody>(body: R): Promise<ResponseTo<R['type']>>;
}

export function createEngineClient(port: MessagePortLike): EngineClient {
  let next = 1;
  const pending = new Map<number, { resolve: (r: EngineResponse) => void; reject: (e: Error) => void }>();
  port.addEventListener('message', (event) => {
    const msg = event.data;
    if (!isEngineResponse(msg)) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'failed') p.reject(new Error(msg.message));
    else p.resolve(msg);
  });
  return {
    request(body) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (r: EngineResponse) => void, reject });
        port.postMessage({ ...body, id });
      });
    },
  };
}

export type EngineHandlers = {
  [K in EngineRequest['type']]: (request: Extract<EngineRequest, { type: K }>) => Promise<Body<ResponseTo<K>>> | Body<ResponseTo<K>>;
};

export function serveEngine(port: MessagePortLike, handlers: EngineHandlers): void {
  port.addEventListener('message', (event) => {
    const msg = event.data;
    if (!isEngineRequest(msg)) return;
    const handler = handlers[msg.type] as (r: EngineRequest) => Promise<Body<EngineResponse>> | Body<EngineResponse>;
    Promise.resolve()
      .then(() => handler(msg))
      .then(
        (body) => port.postMessage({ ...body, id: msg.id }),
        (err: unknown) => port.postMessage({ type: 'failed', id: msg.id, message: err instanceof Error ? err.message : String(err) }),
      );
  });
}
