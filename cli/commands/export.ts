// meshwright export <design> --target compose|k8s|istio|stubs|all --out DIR: writes the engine's
// files under DIR (created with its parents), only inside it whatever the design's names, with the
// desktop app's writer (electron/main/exportFolder.ts: no symlink on the way, temp file + rename,
// every path checked before anything is created), and deletes nothing.
import { statSync, type Stats } from 'node:fs';
import { relative, resolve } from 'node:path';
import { EXPORT_TARGETS, generate, type ExportTarget, type OutFile } from '../../engine/index.js';
import { UnsafePathError, writeExport } from '../../electron/main/exportFolder.js';
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

/** Writes files under outDir (created with its parents when missing) with the app's own writer:
 * every path checked before anything is created, each file written to a temporary name and
 * renamed. Returns the real folder written to. */
export async function writeFiles(outDir: string, files: OutFile[]): Promise<string> {
  const root = resolve(outDir);
  let st: Stats | undefined;
  try {
    st = statSync(root);
  } catch {
    // missing (created below), or a file on the way (reported below)
  }
  if (st && !st.isDirectory())
    throw new CliError(`export: --out ${outDir} is a file, not a folder: name a folder to write the export into`, EXIT.usage);
  try {
    return await writeExport(root, files, { create: true });
  } catch (e) {
    if (e instanceof UnsafePathError) throw new CliError(`export: ${e.message} (inside ${outDir}); nothing was written`, EXIT.usage);
    const err = e as NodeJS.ErrnoException;
    const where = err.path ? relative(root, err.path) || outDir : outDir;
    const why =
      err.code === 'EACCES' || err.code === 'EPERM'
        ? 'permission denied'
        : err.code === 'ENOTDIR' || err.code === 'EEXIST'
          ? 'a file is in the way of a folder'
          : err.code === 'ENOSPC'
            ? 'no space left on the device'
            : err.message;
    throw new CliError(`export: cannot write ${where}: ${why}`, EXIT.usage);
  }
}

export async function run(args: string[], io: Io): Promise<number> {
  const a = parseArgs(args);
  const { design } = loadDesign(a.design, io);
  const files = generate(design, a.target);
  await writeFiles(a.out, files);
  io.out(`${a.design}: wrote ${files.length} file${files.length === 1 ? '' : 's'} (${a.target}) to ${a.out}\n`);
  return EXIT.ok;
}
