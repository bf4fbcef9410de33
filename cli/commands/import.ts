// meshwright import: not built yet.
import { type Io, EXIT } from '../io.js';

export const help = `Usage: meshwright import ... (not built yet)`;

export function run(_args: string[], io: Io): number {
  io.err('import: not built yet in this version of Meshwright\n');
  return EXIT.usage;
}
