// The design model: the format's schema and types, parsing with positions, references,
// migrations, the JSON Schema, serialization and comment-preserving text edits.
export * from './schema.js';
export * from './units.js';
export * from './problems.js';
export { parseDesign, type ParseResult } from './parse.js';
export { firstInvalidUtf8, utf8Problem } from './utf8.js';
export { migrate, migrations } from './migrate.js';
export { designJsonSchema } from './jsonSchema.js';
export { serializeDesign, designToPlain } from './serialize.js';
export { applyEdits, syncText, dumpYaml, scalarSource, type TextEdit } from './edit.js';
export {
  operationRenameRefusal,
  planDelete,
  planRemoveOperation,
  renameNode,
  renameOperation,
  renameRefusal,
  type DeletePlan,
  type EntryField,
  type EntryRef,
} from './refactor.js';
export {
  edges,
  forwardPolicy,
  operationsOf,
  operationOf,
  callStages,
  endpointsOf,
  type Edge,
  type EdgeKind,
  type ResolvedOperation,
} from './graph.js';
export { formatPath, type Path } from './locate.js';
export { closest, didYouMean } from './suggest.js';
export { applyOverrides, type OverrideResult } from './overrides.js';
export { meanOf } from './distribution.js';
