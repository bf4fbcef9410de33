// A client's load mode: an open loop (`rate` requests per second, `arrival`) or a closed loop
// (`users` who each wait for the answer, then `think`). Switching is one set of text edits that
// keeps about the same load (users ≈ rate × think); editText makes them in place, so the rest of
// the file stays byte for byte as it was.
import { parseDuration, type TextEdit } from '../../engine/index';

export type LoadMode = 'rate' | 'users';

export const OPEN_LOOP = ['rate', 'arrival'];
export const CLOSED_LOOP = ['users', 'think'];

export function loadModeOf(client: Record<string, unknown>): LoadMode {
  return client.users !== undefined ? 'users' : 'rate';
}

/** The client's think time in seconds (1 s, the format's default, when unset or unreadable). */
function thinkSeconds(client: Record<string, unknown>): number {
  const t = client.think;
  const v = typeof t === 'object' && t !== null ? ((t as Record<string, unknown>).value ?? (t as Record<string, unknown>).mean) : t;
  const ms = typeof v === 'number' || typeof v === 'string' ? parseDuration(v) : undefined;
  return ms === undefined || ms <= 0 ? 1 : ms / 1000;
}

/** The edits that switch the client at `path` (its raw value `client`) to `mode`; none when it
 * is in that mode already. */
export function loadModeEdits(client: Record<string, unknown>, path: readonly (string | number)[], mode: LoadMode): TextEdit[] {
  if (mode === loadModeOf(client)) return [];
  if (mode === 'users') {
    const rate = typeof client.rate === 'number' ? client.rate : 10;
    return [
      { path: [...path, 'rate'], value: undefined },
      { path: [...path, 'arrival'], value: undefined },
      { path: [...path, 'users'], value: Math.max(1, Math.round(rate * thinkSeconds(client))) },
    ];
  }
  const users = typeof client.users === 'number' ? client.users : 10;
  return [
    { path: [...path, 'users'], value: undefined },
    { path: [...path, 'think'], value: undefined },
    { path: [...path, 'rate'], value: +(users / thinkSeconds(client)).toPrecision(3) },
  ];
}
