// The engine's one public door: everything outside engine/ imports from here.
export * from './model/index.js';
export * from './protocol/index.js';
export * from './generate/index.js';
export * from './review/index.js';
export * from './simulation/index.js';
export * from './import/index.js';
