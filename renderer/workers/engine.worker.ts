// The engine worker: parses large designs and runs the layered layout (elkjs) off the main
// thread, so typing and dragging never wait for them.
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { GROUP_PREFIX, parseDesign, serveEngine, type MessagePortLike, type XY } from '../../engine/index';

const elk = new ELK();

serveEngine(self as unknown as MessagePortLike, {
  parse: ({ text, file }) => {
    const { design, problems } = parseDesign(text, file);
    return design ? { type: 'parsed', design, problems } : { type: 'parsed', problems };
  },
  layout: async ({ graph }) => {
    const result = await elk.layout(graph as ElkNode);
    const positions: Record<string, XY> = {};
    // Members of a group come back relative to it: add the group's offset.
    const walk = (nodes: ElkNode[] | undefined, dx: number, dy: number) => {
      for (const c of nodes ?? []) {
        const x = dx + (c.x ?? 0);
        const y = dy + (c.y ?? 0);
        if (c.id.startsWith(GROUP_PREFIX)) walk(c.children, x, y);
        else positions[c.id] = { x: Math.round(x), y: Math.round(y) };
      }
    };
    walk(result.children, 0, 0);
    return { type: 'laidOut', positions };
  },
});
