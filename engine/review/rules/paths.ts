// Shared by the path rules: one finding per distinct path, not one per path that merely extends
// another (a chain reported once, not again for each database or queue hanging off its end).
export function distinctPaths(paths: string[][]): string[][] {
  const keyOf = (p: string[]) => p.join('\u0000');
  const unique = [...new Map(paths.map((p) => [keyOf(p), p])).values()];
  const keys = unique.map((p) => keyOf(p) + '\u0000');
  return unique.filter((_, i) => !keys.some((k, j) => j !== i && k.startsWith(keys[i]!)));
}

export function arrow(nodes: readonly string[]): string {
  return nodes.join(' -> ');
}
