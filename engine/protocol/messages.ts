// The messages between the window and the engine worker, as discriminated unions. Requests carry
// an id; the worker answers each with exactly one response bearing the same id. Besides them, a
// simulation run sends progress events (by the run's own `runId`) and the window may send a
// cancel control message for a run; neither is a request, so neither gets a response.
import type { Design } from '../model/schema.js';
import type { Problem } from '../model/problems.js';
import type { SimulationResult } from '../simulation/result.js';
import type { RunSummary, SweepOptions, SweepRun } from '../simulation/sweep.js';
import type { Finding, ReviewOptions } from '../review/types.js';
import type { SimulationSummary } from '../review/report.js';
import type { SweepResult } from '../simulation/sweep.js';
import type { ExportTarget, OutFile } from '../generate/index.js';
import type { ImportFile, ImportProblem, Unmapped } from '../import/index.js';
import type { ChartLayout, ChartLayoutGraph } from './chartLayout.js';

export interface XY {
  x: number;
  y: number;
}

/** A graph for a layered layout, in the shape ELK's JSON format accepts. */
export interface LayoutNode {
  id: string;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  /** A group (frame) holds its members; their positions come back relative to it. */
  children?: LayoutNode[];
}

export interface LayoutGraph {
  id: string;
  layoutOptions: Record<string, string>;
  children: LayoutNode[];
  edges: { id: string; sources: string[]; targets: string[] }[];
}

export interface SimulateRequest {
  type: 'simulate';
  id: number;
  /** Chosen by the window: progress events and cancel messages name the run by it. */
  runId: string;
  design: Design;
  /** A scenario of the design; null: 60 s of nominal traffic. */
  scenario: string | null;
  seed?: number;
  /** Simulated milliseconds; overrides the scenario's duration. */
  duration?: number;
  /** Kernel events between progress events. */
  progressEvery?: number;
  /**
   * When the window is cross-origin isolated: an Int32Array's buffer whose element 0 the window
   * sets to 1 to cancel, read by the run even while it keeps the worker busy.
   */
  cancelFlag?: SharedArrayBuffer;
}

export type EngineRequest =
  | { type: 'parse'; id: number; text: string; file: string }
  | { type: 'layout'; id: number; graph: LayoutGraph }
  | { type: 'layoutChart'; id: number; graph: ChartLayoutGraph }
  | SimulateRequest
  | { type: 'review'; id: number; design: Design; options?: ReviewOptions }
  | { type: 'report'; id: number; design: Design; findings: Finding[]; simulation?: SimulationSummary; sweep?: SweepResult }
  | { type: 'export'; id: number; design: Design; target: ExportTarget }
  | { type: 'import'; id: number; files: ImportFile[]; name?: string }
  /** One run of a sweep's plan (sweep.ts): the window spreads a plan over several workers. */
  | { type: 'sweepRun'; id: number; design: Design; options: SweepOptions; run: SweepRun };

export type EngineResponse =
  | { type: 'parsed'; id: number; design?: Design; problems: Problem[] }
  | { type: 'laidOut'; id: number; positions: Record<string, XY> }
  | { type: 'laidOutChart'; id: number; layout: ChartLayout }
  | { type: 'simulated'; id: number; result: SimulationResult }
  | { type: 'cancelled'; id: number }
  | { type: 'reviewed'; id: number; findings: Finding[] }
  | { type: 'reported'; id: number; html: string; markdown: string }
  | { type: 'exported'; id: number; files: OutFile[] }
  | { type: 'imported'; id: number; text?: string; nodes: number; problems: ImportProblem[]; unmapped: Unmapped[] }
  | { type: 'sweptRun'; id: number; summary: RunSummary }
  | { type: 'failed'; id: number; message: string };

/** Control messages from the window that are not requests: they get no response. */
export type EngineControl = { type: 'cancel'; runId: string };

/** Events from the worker that answer no request by themselves. */
export type EngineEvent = { type: 'progress'; runId: string; events: number; time: number; duration: number };

interface Answers {
  parse: 'parsed';
  layout: 'laidOut';
  layoutChart: 'laidOutChart';
  simulate: 'simulated' | 'cancelled';
  review: 'reviewed';
  report: 'reported';
  export: 'exported';
  import: 'imported';
  sweepRun: 'sweptRun';
}

/** The response type that answers a request type. */
export type ResponseTo<R extends EngineRequest['type']> = Extract<EngineResponse, { type: Answers[R] }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function isEngineRequest(v: unknown): v is EngineRequest {
  if (!isObject(v)) return false;
  const m = v;
  if (typeof m.id !== 'number') return false;
  switch (m.type) {
    case 'parse':
      return typeof m.text === 'string' && typeof m.file === 'string';
    case 'layout':
    case 'layoutChart':
      return isObject(m.graph);
    case 'simulate':
      return (
        typeof m.runId === 'string' &&
        isObject(m.design) &&
        (m.scenario === null || typeof m.scenario === 'string') &&
        (m.seed === undefined || Number.isFinite(m.seed)) &&
        (m.duration === undefined || (typeof m.duration === 'number' && m.duration > 0))
      );
    case 'review':
      return isObject(m.design) && (m.options === undefined || isObject(m.options));
    case 'report':
      return (
        isObject(m.design) &&
        Array.isArray(m.findings) &&
        (m.simulation === undefined || isObject(m.simulation)) &&
        (m.sweep === undefined || isObject(m.sweep))
      );
    case 'export':
      return isObject(m.design) && typeof m.target === 'string';
    case 'import':
      return (
        Array.isArray(m.files) &&
        m.files.every((f) => isObject(f) && typeof f.path === 'string' && typeof f.text === 'string') &&
        (m.name === undefined || typeof m.name === 'string')
      );
    case 'sweepRun':
      return (
        isObject(m.design) &&
        isObject(m.options) &&
        isObject(m.run) &&
        typeof m.run.index === 'number' &&
        typeof m.run.traffic === 'number' &&
        typeof m.run.seed === 'number'
      );
    default:
      return false;
  }
}

const RESPONSES = new Set([
  'parsed',
  'laidOut',
  'laidOutChart',
  'simulated',
  'cancelled',
  'reviewed',
  'reported',
  'exported',
  'imported',
  'sweptRun',
  'failed',
]);

export function isEngineResponse(v: unknown): v is EngineResponse {
  return isObject(v) && typeof v.id === 'number' && RESPONSES.has(v.type as string);
}

export function isEngineControl(v: unknown): v is EngineControl {
  return isObject(v) && v.type === 'cancel' && typeof v.runId === 'string';
}

export function isEngineEvent(v: unknown): v is EngineEvent {
  return (
    isObject(v) &&
    v.type === 'progress' &&
    typeof v.runId === 'string' &&
    typeof v.events === 'number' &&
    typeof v.time === 'number' &&
    typeof v.duration === 'number'
  );
}
