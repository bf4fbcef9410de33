// The messages between the window and the engine worker, as discriminated unions. Requests carry
// an id; the worker answers each with exactly one response bearing the same id.
import type { Design } from '../model/schema.js';
import type { Problem } from '../model/problems.js';

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

export type EngineRequest = { type: 'parse'; id: number; text: string; file: string } | { type: 'layout'; id: number; graph: LayoutGraph };

export type EngineResponse =
  | { type: 'parsed'; id: number; design?: Design; problems: Problem[] }
  | { type: 'laidOut'; id: number; positions: Record<string, XY> }
  | { type: 'failed'; id: number; message: string };

/** The response type that answers a request type. */
export type ResponseTo<R extends EngineRequest['type']> = R extends 'parse'
  ? Extract<EngineResponse, { type: 'parsed' }>
  : Extract<EngineResponse, { type: 'laidOut' }>;

export function isEngineRequest(v: unknown): v is EngineRequest {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  if (typeof m.id !== 'number') return false;
  if (m.type === 'parse') return typeof m.text === 'string' && typeof m.file === 'string';
  if (m.type === 'layout') return typeof m.graph === 'object' && m.graph !== null;
  return false;
}

export function isEngineResponse(v: unknown): v is EngineResponse {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m.id === 'number' && (m.type === 'parsed' || m.type === 'laidOut' || m.type === 'failed');
}
