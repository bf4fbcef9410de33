// The `meshwright` command line (docs in README and ../shared spec cli.md): argument
// dispatch only; each command lives in commands/<name>.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, EXIT, processIo, type Io } from './io.js';
import * as validate from './commands/validate.js';
import * as simulate from './commands/simulate.js';
import * as sweep from './commands/sweep.js';
import * as exportCmd from './commands/export.js';
import * as review from './commands/review.js';
import * as importCmd from './commands/import.js';

interface Command {
  help: string;
  run: (args: string[], io: Io) => number | Promise<number>;
}

const commands: Record<string, Command> = { validate, simulate, sweep, export: exportCmd, review, import: importCmd };

export const usage = `Meshwright: design, simulate, review and export microservice systems.

Usage:
  meshwright validate <design>
  meshwright simulate <design> [--scenario NAME] [--seed N] [--duration 60s] [--json] [--out FILE] [--fail-on-slo]
  meshwright sweep    <design> [--scenario NAME] [--traffic 0.5..4] [--steps 8] [--replications 5] [--seed N] [--threads N] [--json]
  meshwright export   <design> --target compose|k8s|istio|stubs|all --out DIR
  meshwright review   <design> [--json] [--fail-on error|warning]
  meshwright import   <docker-compose.yml | DIR or FILE of Kubernetes/Istio YAML ...> [--out FILE]
  meshwright --help | <command> --help | --version

Exit codes: 0 success, 1 invalid design (or review findings at --fail-on), 2 wrong usage or unreadable file.`;

function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0] && commands[rest[0]]) io.out(`${commands[rest[0]]!.help}\n`);
    else io.out(`${usage}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.out(`${version()}\n`);
    return EXIT.ok;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.err(`meshwright: unknown command "${name}"\n\n${usage}\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${cmd.help}\n`);
    return EXIT.ok;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
