// Regenerates engine/generate/templates.gen.ts from templates/stubs/ and the golden exports
// under test/golden/<case>/ (each with files.txt, the list of expected files). Run with
// `npm run -s golden`; test/generate/golden.test.ts fails when this would change anything.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { goldenCases, renderTemplatesModule, TEMPLATES_MODULE, GOLDEN_DIR, expectedGolden } from './cases.js';

writeFileSync(TEMPLATES_MODULE, renderTemplatesModule());
console.log(`wrote ${TEMPLATES_MODULE}`);
// Re-import after writing so the goldens use the fresh templates.
const { generate, parseDesign } = await import('../../engine/index.js');
rmSync(GOLDEN_DIR, { recursive: true, force: true });
for (const c of goldenCases()) {
  const { design, problems } = parseDesign(readFileSync(c.file, 'utf8'), c.file);
  if (!design) throw new Error(`${c.file}: ${problems.map((p) => p.message).join('; ')}`);
  const files = expectedGolden(generate(design, 'all'));
  for (const f of files) {
    const p = join(GOLDEN_DIR, c.name, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
  }
  console.log(`${c.name}: ${files.length - 1} files`);
}
