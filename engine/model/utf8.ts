// Design files are UTF-8 (#10): a bad byte is an error at its place, never silently replaced.
import type { Problem } from './problems.js';

/**
 * The first byte of `bytes` that is not part of well-formed UTF-8 (overlong forms, surrogates and
 * code points past U+10FFFF included), or -1. A design is UTF-8: a decoder that silently turned a
 * bad byte into U+FFFD would have the next save write the damage back.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The problem of a design file that is not UTF-8, at its first bad byte; undefined when it is. */
export function utf8Problem(bytes: Uint8Array, file: string): Problem | undefined {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return undefined;
  let line = 1;
  let column = 1;
  for (let i = 0; i < bad; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      column = 1;
    } else if ((b & 0xc0) !== 0x80) column++; // count characters, not continuation bytes
  }
  const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  return {
    file,
    line,
    column,
    path: [],
    code: 'syntax',
    message: `the file is not UTF-8: byte 0x${hex} (at byte ${bad}) is not a character; save the file as UTF-8`,
  };
}
