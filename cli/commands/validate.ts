// meshwright validate <design>: every problem at once, exit 0 valid / 1 invalid / 2 unreadable.
import { loadDesign, type Io, EXIT } from '../io.js';

export const help = `Usage: meshwright validate <design>

Checks a design file (*.arch.yaml or JSON; - reads it from stdin) against the format and prints every problem as
file:line:column: message. Exit codes: 0 valid, 1 invalid, 2 the file cannot be opened.`;

export function run(args: string[], io: Io): number {
  const unknown = args.find((a) => a.startsWith('-') && a !== '-');
  if (unknown !== undefined) {
    io.err(`validate: unknown option ${unknown}\n\n${help}\n`);
    return EXIT.usage;
  }
  if (args.length !== 1) {
    io.err(`validate: expected exactly one design file\n\n${help}\n`);
    return EXIT.usage;
  }
  const { design } = loadDesign(args[0]!, io);
  const n = Object.keys(design.nodes).length;
  io.out(`${args[0]}: valid (${design.name}: ${n} node${n === 1 ? '' : 's'}, ${Object.keys(design.scenarios).length} scenarios)\n`);
  return EXIT.ok;
}
