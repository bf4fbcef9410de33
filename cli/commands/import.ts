// meshwright import <compose file | manifests file or folder ...> [--out FILE]: reads the files
// (folders recursively, *.yaml and *.yml) and hands their texts to the engine's import; prints
// the design (or writes --out) laid out as the canvas lays it out (ELK), what was not mapped on
// stderr, errors as file:line:column.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  elkPositions,
  formatProblem,
  importSystem,
  layoutGraph,
  utf8Problem,
  withLayout,
  type ElkLike,
  type ImportFile,
} from '../../engine/index.js';
import { CliError, EXIT, type Io } from '../io.js';

export const help = `Usage: meshwright import <docker-compose.yml | DIR or FILE of Kubernetes/Istio YAML ...> [--out FILE]

Reads docker-compose files and Kubernetes/Istio manifests (files or folders, multi-document
YAML) and writes a design: stdout, or --out FILE. Workloads become nodes (datastores, caches and
brokers by image, port or variables), addresses in the environment become calls, published
ports, Ingress, LoadBalancer/NodePort Services and Istio Gateways become clients. What is not
mapped is kept as notes on the nodes and listed on stderr; guessed fields carry a comment.
Exit codes: 0 imported, 1 a file does not parse or holds nothing to import, 2 wrong usage or a
file that cannot be opened.`;

const SKIP_DIRS = new Set(['node_modules', '.git']);

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
}

/** The YAML files of a folder, recursively, in a stable order. */
function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

function readInputs(paths: string[]): ImportFile[] {
  const files: ImportFile[] = [];
  for (const p of paths) {
    let list: string[];
    try {
      list = statSync(p).isDirectory() ? yamlFiles(p) : [p];
    } catch (e) {
      throw new CliError(`${p}: cannot open: ${why(e)}`, EXIT.usage);
    }
    if (list.length === 0) throw new CliError(`${p}: no .yaml or .yml files in this folder`, EXIT.usage);
    for (const f of list) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f);
      } catch (e) {
        throw new CliError(`${f}: cannot open: ${why(e)}`, EXIT.usage);
      }
      // As a design's load (io.ts): not UTF-8 is refused at the first bad byte, not decoded lossily.
      const bad = utf8Problem(bytes, f);
      if (bad) throw new CliError(`${formatProblem(bad)}\nimport: nothing imported`, EXIT.invalid);
      files.push({ path: f, text: bytes.toString('utf8') });
    }
  }
  return files;
}

/** The canvas's layout (ELK with the canvas's options, engine/protocol/layoutGraph.ts), in Node.
 * Loaded only by this command: elkjs is large. */
async function laidOut(text: string, design: Parameters<typeof layoutGraph>[0]): Promise<string> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK() as unknown as ElkLike;
  return withLayout(text, await elkPositions(elk, layoutGraph(design)));
}

export async function run(args: string[], io: Io): Promise<number> {
  const inputs: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--out') {
      out = args[++i];
      if (!out) throw new CliError(`import: --out needs a file\n\n${help}`, EXIT.usage);
    } else if (a.startsWith('--out=')) out = a.slice('--out='.length);
    else if (a.startsWith('-') && a !== '-') throw new CliError(`import: unknown option ${a}\n\n${help}`, EXIT.usage);
    else inputs.push(a);
  }
  if (inputs.length === 0) throw new CliError(`import: expected a compose file or Kubernetes/Istio manifests\n\n${help}`, EXIT.usage);

  const files = readInputs(inputs);
  // A design's name when the files give none: the folder it comes from.
  const first = resolve(inputs[0]!);
  const folder = statSync(first).isDirectory() ? first : dirname(first);
  const result = importSystem(files, { name: basename(folder) || 'imported' });
  for (const p of result.problems) io.err(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  if (!result.text)
    throw new CliError(
      `import: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing imported`,
      EXIT.invalid,
    );
  if (result.invalid) {
    for (const p of result.invalid) io.err(`(imported design):${p.line}:${p.column}: ${p.message}\n`);
    throw new CliError('import: the imported design does not validate (a bug of meshwright import; please report it)', EXIT.invalid);
  }
  for (const u of result.unmapped)
    io.err(`${u.origin.file}:${u.origin.line}:${u.origin.column}: ${u.node ? `${u.node}: ` : ''}${u.message}\n`);
  const text = await laidOut(result.text, result.design!);
  const n = Object.keys(result.design!.nodes).length;
  const summary = `import: ${n} node${n === 1 ? '' : 's'} from ${files.length} file${files.length === 1 ? '' : 's'}; ${result.unmapped.length} thing${result.unmapped.length === 1 ? '' : 's'} not mapped (kept as notes)`;
  if (out) {
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
    } catch (e) {
      throw new CliError(`${out}: cannot write: ${why(e)}`, EXIT.usage);
    }
    io.err(`${summary}; wrote ${out}\n`);
  } else {
    io.out(text);
    io.err(`${summary}\n`);
  }
  return EXIT.ok;
}
