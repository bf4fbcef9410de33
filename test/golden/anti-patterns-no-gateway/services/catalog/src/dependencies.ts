// What one request of this service does after its own work, as drawn in the design: the calls in
// order, fire-and-forget calls, and the messages it publishes.
import { clients } from './clients.js';
import { failureStatus } from './resilience.js';
import { log } from './runtime.js';

export interface CallOutcome {
  to: string;
  status: number;
  error?: string;
}

/** A sync call that failed after its retries: the request fails with the mapped status. */
export class DependencyError extends Error {
  constructor(
    readonly outcome: CallOutcome,
    readonly status: number,
  ) {
    super(`${outcome.to}: ${outcome.error ?? outcome.status}`);
  }
}

async function sync(
  client: { callee: string; request: (m: string, p: string, b?: unknown) => Promise<{ status: number }> },
  method: string,
  path: string,
  body: unknown,
): Promise<CallOutcome> {
  try {
    const r = await client.request(method, path, method === 'GET' || method === 'DELETE' || method === 'HEAD' ? undefined : body);
    return { to: client.callee, status: r.status };
  } catch (e) {
    const outcome = { to: client.callee, status: failureStatus(e), error: e instanceof Error ? e.message : String(e) };
    throw new DependencyError(outcome, failureStatus(e));
  }
}

export async function dependencies(body: unknown): Promise<CallOutcome[]> {
  const outcomes: CallOutcome[] = [];
  return outcomes;
}
