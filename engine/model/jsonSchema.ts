// The JSON Schema of the design format, derived from the zod schema (never hand-kept), for
// the editor's validation and completion.
import { z } from 'zod';
import { designSchema } from './schema.js';

let cached: Record<string, unknown> | undefined;

export function designJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(designSchema, {
      io: 'input',
      unrepresentable: 'any',
      target: 'draft-07',
      // zod leaves out the default of a field whose type transforms its input (durations,
      // percentages, distributions: `think` defaults to 1s): put it back, the inspector shows it.
      override: (ctx) => {
        const def = ctx.zodSchema._zod.def;
        if (def.type === 'default' && ctx.jsonSchema.default === undefined)
          ctx.jsonSchema.default = JSON.parse(JSON.stringify((def as { defaultValue: unknown }).defaultValue)) as never;
      },
    }),
    // Top-level x- keys are extension fields (parse.ts withoutExtensions).
    patternProperties: { '^x-': {} },
    $id: 'https://meshwright.dev/schema/design-v1.json',
    title: 'Meshwright design (*.arch.yaml)',
  };
  return cached;
}
