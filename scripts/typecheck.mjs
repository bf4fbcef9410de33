// Type-checks every project of the repository; each layer has its own tsconfig (see docs/architecture.md).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const projects = ['engine/tsconfig.json', 'tsconfig.json', 'renderer/tsconfig.json', 'electron/tsconfig.json', 'test/e2e/tsconfig.json'];
let failed = false;
for (const p of projects.filter((x) => existsSync(x))) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', p], { stdio: 'inherit' });
  console.log(`typecheck ${p}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
