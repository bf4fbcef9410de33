// The engine's one public door: everything outside engine/ imports from here.
export * from './model/index.js';
export * from './review/index.js';
export * from './generate/index.js';
