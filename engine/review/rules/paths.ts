// Shared by the path rules: one finding per distinct path, not one per path that merely extends
// another (a chain reported once, not again for each database or queue hanging off its end).
export function distinctPaths(paths: string[][]): string[][] {
  const keyOf = (p: string[]) => p.join('\u0000');
  const unique = [...new Map(paths.map((p) => [keyOf(p), p])).values()];
  const prefixes = new Set<string>();
  for (const p of unique) for (let n = 1; n < p.length; n++) prefixes.add(keyOf(p.slice(0, n)));
  return unique.filter((p) => !prefixes.has(keyOf(p)));
}

export function arrow(nodes: readonly string[]): string {
  return nodes.join(' -> ');
}
