// Units of the design format: durations become milliseconds, percentages fractions 0..1.
// Pure string/number conversions; the schema decides what is accepted and reports errors.

export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?|\\.\\d+)\\s*(ms|s|m|h)\\s*$';
export const PERCENT_PATTERN = '^\\s*(\\d+(\\.\\d+)?|\\.\\d+)\\s*%\\s*$';

/** The longest duration a design may give (a year): past it a value is a typo or an attack. */
export const MAX_DURATION_MS = 8760 * 3_600_000;

const durationRe = new RegExp(DURATION_PATTERN);
const percentRe = new RegExp(PERCENT_PATTERN);
const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `250ms`, `2s`, `1.5m`, `1h` or a number of ms -> ms; undefined when malformed. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = durationRe.exec(value);
  if (!m) return undefined;
  // Round to microseconds so 1.1s is 1100, not 1100.0000000000002.
  return Math.round(parseFloat(m[1]!) * unitMs[m[3]!]! * 1000) / 1000;
}

/** `50%` or a number 0..1 -> fraction; undefined when malformed. Range is checked by the schema. */
export function parsePercent(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m = percentRe.exec(value);
  if (!m) return undefined;
  return parseFloat(m[1]!) / 100;
}

/** Milliseconds back to the shortest readable duration string (`1500` -> `1.5s`). */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 360_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 6_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 10 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
