// The engine worker protocol: messages, a client and a host for any message port, and the
// layout graph the worker lays out.
export * from './messages.js';
export * from './port.js';
export * from './layoutGraph.js';
export * from './chartLayout.js';
export * from './chartGrid.js';
