// meshwright export <design> --target compose|k8s|istio|stubs|all --out DIR: writes the engine's
// files under DIR (created with its parents), only inside it whatever the design's names: each
// path is resolved and checked against DIR's real path, symlinks are never followed out of it,
// and nothing is deleted.
import { lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { EXPORT_TARGETS, generate, type ExportTarget, type OutFile } from '../../engine/index.js';
import { CliError, EXIT, loadDesign, type Io } from '../io.js';

export const help = `Usage: meshwright export <design> --target compose|k8s|istio|stubs|all --out DIR

Writes deployable artifacts for the design into DIR (created when missing):
  compose   docker-compose.yml
  k8s       k8s/ (a kustomize base: one file per node, kustomization.yaml)
  istio     istio/ (a kustomize overlay on ../k8s: Gateway, VirtualServices, DestinationRules, mTLS, authorization)
  stubs     services/<name>/ (a TypeScript stub per service, gateway and saga node)
  all       everything; the compose file then builds each service from services/<name>
Existing files with the same paths are overwritten; nothing else is touched or deleted.
Exit codes: 0 written, 1 invalid design, 2 wrong usage or a file that cannot be read or written.`;

interface Args {
  design: string;
  target: ExportTarget;
  out: string;
}

function parseArgs(args: string[]): Args {
  let design: string | undefined;
  let target: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (flag === '--target' || flag === '--out') {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new CliError(`export: ${flag} needs a value\n\n${help}`, EXIT.usage);
      if (flag === '--target') target = v;
      else out = v;
    } else if (a.startsWith('-') && a !== '-') throw new CliError(`export: unknown option ${a}\n\n${help}`, EXIT.usage);
    else if (design === undefined) design = a;
    else throw new CliError(`export: expected one design file, got also ${a}\n\n${help}`, EXIT.usage);
  }
  if (design === undefined) throw new CliError(`export: expected a design file\n\n${help}`, EXIT.usage);
  if (target === undefined) throw new CliError(`export: --target is required (${EXPORT_TARGETS.join('|')})\n\n${help}`, EXIT.usage);
  if (!(EXPORT_TARGETS as readonly string[]).includes(target))
    throw new CliError(`export: unknown target "${target}", expected one of ${EXPORT_TARGETS.join(', ')}`, EXIT.usage);
  if (out === undefined) throw new CliError(`export: --out DIR is required\n\n${help}`, EXIT.usage);
  return { design, target: target as ExportTarget, out };
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

/** Writes files under outDir; returns the absolute paths written. */
export function writeFiles(outDir: string, files: OutFile[]): string[] {
  const root = resolve(outDir);
  try {
    mkdirSync(root, { recursive: true });
  } catch (e) {
    throw new CliError(`export: cannot create ${outDir}: ${(e as Error).message}`, EXIT.usage);
  }
  const realRoot = realpathSync(root);
  const written: string[] = [];
  for (const f of files) {
    const target = resolve(realRoot, f.path);
    if (!inside(realRoot, target)) throw new CliError(`export: refusing to write outside ${outDir}: ${f.path}`, EXIT.usage);
    try {
      mkdirSync(dirname(target), { recursive: true });
      // A symlink planted inside DIR must not carry a write outside it.
      const realParent = realpathSync(dirname(target));
      if (realParent !== realRoot && !inside(realRoot, realParent))
        throw new CliError(`export: refusing to write through a link that leaves ${outDir}: ${f.path}`, EXIT.usage);
      let isLink = false;
      try {
        isLink = lstatSync(target).isSymbolicLink();
      } catch {
        // missing: fine
      }
      if (isLink) throw new CliError(`export: refusing to overwrite a symbolic link: ${f.path}`, EXIT.usage);
      writeFileSync(target, f.content);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`export: cannot write ${f.path}: ${(e as Error).message}`, EXIT.usage);
    }
    written.push(target);
  }
  return written;
}

export function run(args: string[], io: Io): number {
  const a = parseArgs(args);
  const { design } = loadDesign(a.design, io);
  const files = generate(design, a.target);
  writeFiles(a.out, files);
  io.out(`${a.design}: wrote ${files.length} file${files.length === 1 ? '' : 's'} (${a.target}) to ${a.out}\n`);
  return EXIT.ok;
}
