// YAML out of plain objects through the `yaml` library, never by concatenation. YAML 1.1
// quoting makes `on`, `yes`, `no`, `2:30` and the like strings in every consumer (compose,
// kubectl and Istio read YAML 1.1). A document may carry a leading comment.
import { Document } from 'yaml';

export interface YamlDoc {
  value: unknown;
  comment?: string;
}

function one(d: YamlDoc): string {
  const doc = new Document(d.value, { version: '1.1' });
  if (d.comment)
    doc.commentBefore = d.comment
      .split('\n')
      .map((l) => (l ? ` ${l}` : ''))
      .join('\n');
  return doc.toString({ lineWidth: 0, version: '1.1' } as never);
}

/** One or more documents; several are separated by `---`. */
export function toYaml(docs: YamlDoc | YamlDoc[]): string {
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((d, i) => (i === 0 ? '' : '---\n') + one(d)).join('');
}
