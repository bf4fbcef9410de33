// The window's side of the engine worker: one worker for the app's lifetime, started on first use.
import { createEngineClient, type EngineClient, type MessagePortLike } from '../../engine/index';
import EngineWorker from './engine.worker?worker';

let client: EngineClient | undefined;

export function engineClient(): EngineClient {
  client ??= createEngineClient(new EngineWorker() as unknown as MessagePortLike);
  return client;
}
