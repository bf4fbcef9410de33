// How each node kind looks and what it starts with when dragged from the palette. One table so
// the palette, the canvas and the minimap agree on colours (icons: icons.tsx, by kind).
import type { NodeKind } from '../../engine/index';

export interface KindInfo {
  title: string;
  /** A short hint shown in the palette. */
  hint: string;
  colour: string;
  /** The node a palette drop creates (raw YAML values). */
  starter: Record<string, unknown>;
}

export const KINDS: Record<NodeKind, KindInfo> = {
  client: { title: 'Client', hint: 'traffic source', colour: '#0ea5e9', starter: { kind: 'client', rate: 50 } },
  gateway: { title: 'Gateway', hint: 'API gateway / BFF', colour: '#8b5cf6', starter: { kind: 'gateway', replicas: 2 } },
  service: {
    title: 'Service',
    hint: 'microservice',

    colour: '#22a06b',
    starter: { kind: 'service', replicas: 2, latency: '10ms' },
  },
  saga: { title: 'Saga', hint: 'orchestrator', colour: '#d97706', starter: { kind: 'saga', replicas: 1, steps: [] } },
  database: { title: 'Database', hint: 'datastore', colour: '#2563eb', starter: { kind: 'database', engine: 'postgres' } },
  cache: { title: 'Cache', hint: 'in front of a store', colour: '#dc2626', starter: { kind: 'cache', engine: 'redis' } },
  queue: { title: 'Queue', hint: 'point-to-point', colour: '#db2777', starter: { kind: 'queue', engine: 'rabbitmq' } },
  topic: { title: 'Topic', hint: 'publish / subscribe', colour: '#0d9488', starter: { kind: 'topic', engine: 'kafka' } },
};
