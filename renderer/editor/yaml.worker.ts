// monaco-yaml's language worker, imported through a file of our own as its README advises for Vite.
import 'monaco-yaml/yaml.worker.js';
