import { describe, expect, it } from 'vitest';
import { formatProblem } from './problems.js';

describe('formatProblem', () => {
  it('keeps a problem on one line when the message quotes a string with line breaks', () => {
    const p = {
      file: 'a.yaml',
      line: 3,
      column: 7,
      path: [],
      code: 'reference' as const,
      message: '"e\nx\r" is not a node of this design',
    };
    expect(formatProblem(p)).toBe('a.yaml:3:7: "e\\nx\\r" is not a node of this design');
  });
});
