// Monaco from the local package (no CDN, works under the strict CSP): the editor core, its
// standard contributions, YAML highlighting, the workers bundled by Vite, and monaco-yaml giving
// completion and hovers from the engine's JSON Schema. Problems come from the engine's own
// validator (the same zod schema, better messages) as markers, so each problem shows once.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { designJsonSchema } from '../../engine/index';
import YamlWorker from './yaml.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(moduleId: string, label: string): Worker };
  }
}

let ready = false;

export function setupMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  window.MonacoEnvironment = {
    getWorker: (_id, label) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
  };
  adaptLegacyWorkers();
  configureMonacoYaml(monaco as never, {
    enableSchemaRequest: false,
    validate: false,
    completion: true,
    hover: true,
    format: { enable: false },
    schemas: [
      {
        uri: 'https://meshwright.dev/schema/design-v1.json',
        fileMatch: ['**/*.arch.yaml', '**/*.yaml', '**/*.yml'],
        schema: designJsonSchema() as never,
      },
    ],
  });
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => monaco.editor.setTheme(dark.matches ? 'vs-dark' : 'vs');
  apply();
  dark.addEventListener('change', apply);
  return monaco;
}

/** monaco-yaml (through monaco-worker-manager) still calls createWebWorker({ label, moduleId,
 * createData }); Monaco 0.57 wants the Worker itself and createData as its second message (the
 * protocol of Monaco's own language workers: "ignore", then the data). */
function adaptLegacyWorkers(): void {
  type Legacy = {
    label?: string;
    moduleId?: string;
    createData?: unknown;
    host?: Record<string, () => unknown>;
    keepIdleModels?: boolean;
    worker?: Worker;
  };
  const ed = monaco.editor as unknown as { createWebWorker: (opts: Legacy) => unknown };
  const original = ed.createWebWorker.bind(monaco.editor);
  ed.createWebWorker = (opts) => {
    if (opts.worker) return original(opts);
    const worker = opts.label === 'yaml' ? new YamlWorker() : new EditorWorker();
    worker.postMessage('ignore');
    worker.postMessage(opts.createData ?? {});
    return original({ worker, ...(opts.host ? { host: opts.host } : {}), keepIdleModels: opts.keepIdleModels ?? false });
  };
}

export { monaco };
