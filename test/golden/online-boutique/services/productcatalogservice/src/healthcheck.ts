// The container's health check (compose `healthcheck: node dist/healthcheck.js`): asks this
// service's standard grpc.health.v1 health service on loopback and exits 0 when it is SERVING.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';
import { PORT } from './config.js';
import { LOADER_OPTIONS } from './grpc.js';

const def = grpc.loadPackageDefinition(protoLoader.loadSync(protoPath, LOADER_OPTIONS)) as unknown as {
  grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
};
const client = new def.grpc.health.v1.Health(`127.0.0.1:${PORT}`, grpc.credentials.createInsecure()) as unknown as {
  Check(req: { service: string }, opts: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r?: { status: string }) => void): void;
};
client.Check({ service: '' }, { deadline: Date.now() + 4000 }, (err, reply) => process.exit(!err && reply?.status === 'SERVING' ? 0 : 1));
