// What every command shares: reading a design file with the CLI's exit-code contract.
import { readFileSync } from 'node:fs';
import { parseDesign, formatProblem, utf8Problem, type Design, type ParseResult } from '../engine/index.js';

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** true when stderr is a terminal (progress bars). */
  tty: boolean;
}

export const processIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  tty: Boolean(process.stderr.isTTY),
};

/** Reads and parses a design; throws CliError with exit 2 (unreadable) or 1 (invalid). */
export function loadDesign(file: string, io: Io): { design: Design; text: string; locate: ParseResult['locate'] } {
  let bytes: Buffer;
  try {
    // `-` is the design on stdin (a pipe: `cat x.arch.yaml | meshwright validate -`).
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, expected a design file'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new CliError(`${file}: cannot open: ${why}`, EXIT.usage);
  }
  const notUtf8 = utf8Problem(bytes, file);
  if (notUtf8) {
    io.err(`${formatProblem(notUtf8)}\n`);
    throw new CliError(`${file}: 1 problem`, EXIT.invalid);
  }
  const text = bytes.toString('utf8');
  const result = parseDesign(text, file);
  if (!result.design) {
    for (const p of result.problems) io.err(`${formatProblem(p)}\n`);
    throw new CliError(`${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`, EXIT.invalid);
  }
  return { design: result.design, text, locate: result.locate };
}

/** `file:line:column: message` for an error that names a design field (`nodes.api.replicas`),
 * located like validation problems; just `file: message` when it names none. */
export function locatedMessage(
  file: string,
  message: string,
  path: readonly (string | number)[] | undefined,
  locate: ParseResult['locate'],
): string {
  if (!path?.length || !['nodes', 'scenarios', 'sagas', 'defaults'].includes(String(path[0]))) return `${file}: ${message}`;
  const { line, column } = locate(path);
  return `${file}:${line}:${column}: ${message}`;
}

/**
 * Walks a command's arguments: each `--flag value` or `--flag=value` goes to `onFlag`, whose
 * `value()` takes the flag's value (or refuses through `usage`); `onFlag` returns false for a
 * flag it does not know. Returns the other arguments (the files).
 */
export function scanArgs(args: string[], usage: (msg: string) => never, onFlag: (flag: string, value: () => string) => boolean): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    if (onFlag(flag, value)) continue;
    if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    files.push(arg);
  }
  return files;
}
