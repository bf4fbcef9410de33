// Generated designs for the canvas benchmark: N nodes on a grid (clients, services, databases)
// with 1.5 N calls, as YAML the app opens like any file. Deterministic: the same N, the same design.
export interface BenchGraph {
  nodes: { id: string; kind: 'client' | 'service' | 'database'; position: { x: number; y: number } }[];
  edges: { from: string; to: string }[];
}

export function benchGraph(n: number): BenchGraph {
  const cols = Math.ceil(Math.sqrt(n * 2));
  const nodes: BenchGraph['nodes'] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 10 === 0 ? 'client' : i % 5 === 4 ? 'database' : 'service';
    nodes.push({ id: `n${i}`, kind, position: { x: (i % cols) * 230, y: Math.floor(i / cols) * 110 } });
  }
  const edges: BenchGraph['edges'] = [];
  const seen = new Set<string>();
  // A linear congruential sequence: deterministic and spread out, without Math.random.
  let s = 12345;
  const rand = (m: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % m;
  };
  const target = Math.round(n * 1.5);
  for (let guard = 0; edges.length < target && guard < target * 20; guard++) {
    const a = nodes[rand(n)]!;
    const b = nodes[rand(n)]!;
    if (a === b || a.kind === 'database' || b.kind === 'client' || seen.has(`${a.id}>${b.id}`)) continue;
    seen.add(`${a.id}>${b.id}`);
    edges.push({ from: a.id, to: b.id });
  }
  return { nodes, edges };
}

export function benchDesignYaml(n: number): string {
  const g = benchGraph(n);
  const out: string[] = [`version: 1`, `name: bench-${n}`, `nodes:`];
  const calls = new Map<string, string[]>();
  for (const e of g.edges) calls.set(e.from, [...(calls.get(e.from) ?? []), e.to]);
  for (const v of g.nodes) {
    out.push(`  ${v.id}:`, `    kind: ${v.kind}`);
    const to = calls.get(v.id) ?? [];
    if (v.kind === 'client') out.push(`    rate: 10`, `    requests: [${to.map((t) => `{ to: ${t} }`).join(', ')}]`);
    else if (v.kind === 'service') out.push(`    replicas: 2`, `    calls: [${to.map((t) => `{ to: ${t} }`).join(', ')}]`);
  }
  out.push('layout:');
  for (const v of g.nodes) out.push(`  ${v.id}: { x: ${v.position.x}, y: ${v.position.y} }`);
  return `${out.join('\n')}\n`;
}
