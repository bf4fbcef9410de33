// The engine worker: parses large designs, runs the layered layout (elkjs), simulations, reviews
// and exports off the main thread, so typing and dragging never wait for them. A simulation
// reports progress as events and stops at its next progress report once cancelled: by a cancel
// message that arrived before it started, or by the shared flag the window sets while it runs
// (a running simulation keeps this thread busy, so messages wait until it ends).
import ELK from 'elkjs/lib/elk.bundled.js';
import {
  generate,
  elkPositions,
  importSystem,
  layoutGraph,
  readChartLayout,
  withLayout,
  isEngineControl,
  parseDesign,
  reportHtml,
  reportMarkdown,
  review,
  runSweepOne,
  serveEngine,
  simulate,
  SimulationCancelled,
  type ElkLike,
  type EngineEvent,
  type LayoutGraph,
  type ChartLayoutGraph,
  type MessagePortLike,
} from '../../engine/index';

const elk = new ELK() as unknown as ElkLike;
const layoutPositions = (graph: LayoutGraph) => elkPositions(elk, graph);

const port = self as unknown as MessagePortLike;
const cancelled = new Set<string>();

port.addEventListener('message', (event) => {
  if (isEngineControl(event.data)) cancelled.add(event.data.runId);
});

serveEngine(port, {
  parse: ({ text, file }) => {
    const { design, problems } = parseDesign(text, file);
    return design ? { type: 'parsed', design, problems } : { type: 'parsed', problems };
  },
  layout: async ({ graph }) => ({ type: 'laidOut', positions: await layoutPositions(graph) }),
  // A state chart (renderer/charts): ELK lays out a copy; the answer is read back as absolute boxes.
  layoutChart: async ({ graph }) => ({
    type: 'laidOutChart',
    layout: readChartLayout(graph, (await elk.layout(structuredClone(graph) as never)) as unknown as ChartLayoutGraph),
  }),
  simulate: ({ runId, design, scenario, seed, duration, progressEvery, cancelFlag }) => {
    const flag = cancelFlag ? new Int32Array(cancelFlag) : null;
    try {
      const result = simulate(design, {
        ...(scenario !== null ? { scenario } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(duration !== undefined ? { duration } : {}),
        progressEvery: progressEvery ?? 16_384,
        clock: () => performance.now(),
        replay: true, // the state charts replay the run (renderer/charts)
        onProgress: (p) => port.postMessage({ type: 'progress', runId, ...p } satisfies EngineEvent),
        shouldCancel: () => cancelled.has(runId) || (flag !== null && Atomics.load(flag, 0) === 1),
      });
      return { type: 'simulated', result };
    } catch (e) {
      if (e instanceof SimulationCancelled) return { type: 'cancelled' };
      throw e;
    } finally {
      cancelled.delete(runId);
    }
  },
  review: ({ design, options }) => ({ type: 'reviewed', findings: review(design, options) }),
  report: ({ design, findings, simulation, sweep }) => {
    const input = { design, findings, ...(simulation ? { simulation } : {}), ...(sweep ? { sweep } : {}) };
    return { type: 'reported', html: reportHtml(input), markdown: reportMarkdown(input) };
  },
  export: ({ design, target }) => ({ type: 'exported', files: generate(design, target) }),
  sweepRun: ({ design, options, run }) => ({ type: 'sweptRun', summary: runSweepOne(design, options, run) }),
  // A compose file or manifests opened as a new design, laid out like the canvas lays out.
  import: async ({ files, name }) => {
    const r = importSystem(files, name ? { name } : {});
    if (!r.text || !r.design) return { type: 'imported', nodes: 0, problems: r.problems, unmapped: r.unmapped };
    const positions = await layoutPositions(layoutGraph(r.design));
    const text = withLayout(r.text, positions);
    return { type: 'imported', text, nodes: Object.keys(r.design.nodes).length, problems: r.problems, unmapped: r.unmapped };
  },
});
