// A problem found in a design: where (file:line:column and the path in the document) and what.
export interface Problem {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
  /** Path of the offending value in the document, e.g. ['nodes', 'order', 'replicas']. */
  path: (string | number)[];
  code: ProblemCode;
  message: string;
}

export type ProblemCode =
  'syntax' | 'type' | 'unknown-field' | 'range' | 'enum' | 'format' | 'required' | 'reference' | 'duplicate' | 'version';

/** One line per problem: a line break inside a message (a design's id or string quoted in it) is written escaped. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}`;
}
