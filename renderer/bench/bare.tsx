// The benchmark's baseline: a bare React Flow page with N default nodes and 1.5 N edges, the
// same graph shape as the generated designs (bench/canvas.bench.ts opens both in one run).
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, applyNodeChanges, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { benchGraph } from './generateDesign';

const n = Number(new URLSearchParams(location.search).get('nodes') ?? 100);
const graph = benchGraph(n);
const initialNodes: Node[] = graph.nodes.map((v) => ({ id: v.id, position: v.position, data: { label: v.id } }));
const initialEdges: Edge[] = graph.edges.map((e) => ({ id: `${e.from}->${e.to}`, source: e.from, target: e.to }));

function Bare() {
  const [nodes, setNodes] = useState(initialNodes);
  const onNodesChange = useCallback((c: NodeChange[]) => setNodes((ns) => applyNodeChanges(c, ns)), []);
  return <ReactFlow nodes={nodes} edges={initialEdges} onNodesChange={onNodesChange} fitView minZoom={0.05} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Bare />
  </StrictMode>,
);
