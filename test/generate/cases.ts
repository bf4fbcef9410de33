// The golden cases: every starter design in templates/ and every export edge-case fixture.
// Shared by the regeneration script and the tests so both always agree on the list.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const GOLDEN_DIR = join(ROOT, 'test/golden');
export const STUB_TEMPLATES = join(ROOT, 'templates/stubs');
export const TEMPLATES_MODULE = join(ROOT, 'engine/generate/templates.gen.ts');

export interface GoldenCase {
  name: string;
  file: string;
}

export function goldenCases(): GoldenCase[] {
  const starters = readdirSync(join(ROOT, 'templates'))
    .filter((f) => f.endsWith('.arch.yaml'))
    .map((f) => ({ name: f.replace(/\.arch\.yaml$/, ''), file: join(ROOT, 'templates', f) }));
  const fixtures = readdirSync(join(ROOT, 'test/fixtures'))
    .filter((f) => /^export-.*\.arch\.yaml$/.test(f))
    .map((f) => ({ name: f.replace(/\.arch\.yaml$/, ''), file: join(ROOT, 'test/fixtures', f) }));
  return [...starters, ...fixtures].sort((a, b) => a.name.localeCompare(b.name));
}

/** The generated files plus files.txt, the list of expected paths. */
export function expectedGolden(files: { path: string; content: string }[]): { path: string; content: string }[] {
  return [...files, { path: 'files.txt', content: files.map((f) => f.path).join('\n') + '\n' }];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** templates/stubs/** as one TypeScript module of strings: the engine reads templates without fs,
 * the same way in Node (tsx), Vite and Vitest. */
export function renderTemplatesModule(): string {
  const entries = walk(STUB_TEMPLATES).map((f) => [relative(STUB_TEMPLATES, f).split('\\').join('/'), readFileSync(f, 'utf8')] as const);
  const body = entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n');
  return `// Generated from templates/stubs/ by \`npm run -s golden\`; do not edit (a test checks it is fresh).
// prettier-ignore
export const STUB_TEMPLATES: Record<string, string> = {
${body}
};
`;
}
