// Shared by the path rules: one finding per distinct path, not one per path that merely extends
// another (a chain reported once, not again for each database or queue hanging off its end).
import type { FoundPath } from '../pathSearch.js';

export function distinctPaths(paths: string[][]): string[][] {
  const unique = [...new Map(paths.map((p) => [p.join('\u0000'), p])).values()];
  // Pairwise, element by element: the rules list a bounded number of paths, but a path may be
  // thousands of nodes long (joining every prefix would be quadratic in its length).
  const extends_ = (q: readonly string[], p: readonly string[]) => q.length > p.length && p.every((id, i) => q[i] === id);
  return unique.filter((p) => !unique.some((q) => q !== p && extends_(q, p)));
}

export function arrow(nodes: readonly string[]): string {
  return nodes.join(' -> ');
}

/** A hop's value for the retry rules: its attempts as a factor, counted when it retries. */
export const retryHop = (_from: string, _to: string, attempts: number): readonly [number, number] => [attempts > 1 ? 1 : 0, attempts];

/** "web -(3x)-> gw -(4x)-> a": the path with each hop's attempts. */
export function retryChain(p: FoundPath): string {
  return p.labels.map((id, i) => (i < p.attempts.length ? `${id} -(${p.attempts[i]}x)-> ` : id)).join('');
}

/** Said once a path search stopped at its budget. */
export function listedNote(truncated: boolean, max: number): string {
  return truncated ? ` (The design has more such paths than the review lists: the first ${max} searched are shown.)` : '';
}
