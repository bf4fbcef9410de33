// Reads a large design's YAML into its raw value off the main thread when a file opens, beside the
// engine worker's parse, so the inspector (which reads the raw value) does not parse it again.
import { parseDocument } from 'yaml';
import { rawValue } from './rawDocument';

self.addEventListener('message', (event: MessageEvent<{ id: number; text: string }>) => {
  const { id, text } = event.data;
  let raw;
  try {
    raw = rawValue(parseDocument(text));
  } catch {
    raw = null;
  }
  self.postMessage({ id, raw });
});
