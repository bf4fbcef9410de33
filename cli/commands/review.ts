// meshwright review: not built yet.
import { type Io, EXIT } from '../io.js';

export const help = `Usage: meshwright review ... (not built yet)`;

export function run(_args: string[], io: Io): number {
  io.err('review: not built yet in this version of Meshwright\n');
  return EXIT.usage;
}
