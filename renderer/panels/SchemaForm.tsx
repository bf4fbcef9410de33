// A form generated from the JSON Schema for one object of the design (a node, a call, the
// design's header). Values are read from the raw YAML (units as the user wrote them) and every
// change is an edit at its path, so the YAML and the canvas follow at once. Messages under a field
// come from the engine's validator, located by path.
import { useState, type ReactNode } from 'react';
import { formatDuration, type Problem } from '../../engine/index';
import { Icon } from '../canvas/icons';
import { useEditorActions } from '../store/useEditor';
import { coerce, distributionVariants, show, sortOf, unitOf, type FieldSort, type JsonSchema } from './schemaFields';

type Path = (string | number)[];

interface Ctx {
  problems: readonly Problem[];
  set: (path: Path, value: unknown) => void;
  /** Test-id prefix: `inspector`. */
  tid: string;
  /** How many leading path segments the test ids leave out (['nodes', id] -> 2). */
  base: number;
  /** The operations of a node by id (null: no such node), for the `op` pickers. */
  opsOf?: (id: string) => readonly string[] | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const startsWith = (p: readonly (string | number)[], prefix: readonly (string | number)[]) =>
  prefix.length <= p.length && prefix.every((s, i) => String(s) === String(p[i]));

function errorsAt(ctx: Ctx, path: Path, deep: boolean): Problem[] {
  return ctx.problems.filter((p) => (deep ? startsWith(p.path, path) : p.path.length === path.length && startsWith(p.path, path)));
}

/** A text input that keeps what is typed while focused (so "0.50" does not jump to "0.5"). */
function TextInput(props: {
  value: unknown;
  sort: FieldSort;
  onChange: (v: unknown) => void;
  testId: string;
  placeholder?: string;
  multiline?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? show(props.value);
  const common = {
    'data-testid': props.testId,
    value: shown,
    placeholder: props.placeholder,
    spellCheck: false,
    onFocus: () => setDraft(show(props.value)),
    onBlur: () => setDraft(null),
  };
  if (props.multiline)
    return (
      <textarea
        {...common}
        rows={Math.min(8, Math.max(2, shown.split('\n').length))}
        onChange={(e) => {
          setDraft(e.target.value);
          props.onChange(e.target.value);
        }}
      />
    );
  return (
    <input
      {...common}
      inputMode={props.sort === 'integer' || props.sort === 'number' ? 'decimal' : undefined}
      onChange={(e) => {
        setDraft(e.target.value);
        props.onChange(coerce(e.target.value, props.sort));
      }}
    />
  );
}

function Row({
  label,
  unit,
  hint,
  errors,
  children,
}: {
  label: string;
  unit?: string;
  hint?: string;
  errors: Problem[];
  children: ReactNode;
}) {
  return (
    <label className={`mw-field${errors.length ? ' has-error' : ''}`} title={hint}>
      <span className="mw-field-label">{label}</span>
      <span className="mw-field-input">
        {children}
        {unit && <span className="mw-field-unit">{unit}</span>}
      </span>
      {errors.map((e, i) => (
        <span key={i} className="mw-field-error" role="alert">
          {e.message}
        </span>
      ))}
    </label>
  );
}

/** The format's default as a placeholder, in the units the field takes: "default 1s" for a
 * distribution that defaults to a constant 1000 ms, "default 50%" for a percentage. */
function defaultText(s: JsonSchema, sort?: FieldSort): string | undefined {
  const d = s.default;
  if (d === undefined || d === null) return undefined;
  if (isObj(d)) {
    if (sort !== 'distribution' || typeof d.dist !== 'string') return undefined;
    if (d.dist === 'constant' && typeof d.value === 'number') return `default ${formatDuration(d.value)}`;
    const params = Object.entries(d).filter(([k]) => k !== 'dist');
    return `default ${d.dist} ${params.map(([k, v]) => `${k} ${typeof v === 'number' && k !== 'alpha' ? formatDuration(v) : String(v)}`).join(', ')}`;
  }
  if (Array.isArray(d)) return undefined;
  if (typeof d === 'number' && sort === 'duration') return `default ${formatDuration(d)}`;
  if (typeof d === 'number' && sort === 'percent') return `default ${+(d * 100).toFixed(2)}%`;
  return `default ${String(d)}`;
}

export function Field({ name, schema, value, path, ctx }: { name: string; schema: JsonSchema; value: unknown; path: Path; ctx: Ctx }) {
  const sort = sortOf(schema);
  const tid = `${ctx.tid}.${path.slice(ctx.base).join('.')}`;
  const hint = schema.description;
  switch (sort) {
    case 'const':
      return null;
    case 'enum':
      return (
        <Row label={name} hint={hint} errors={errorsAt(ctx, path, false)}>
          <select data-testid={tid} value={show(value)} onChange={(e) => ctx.set(path, e.target.value === '' ? undefined : e.target.value)}>
            <option value="">{schema.default !== undefined ? `(${String(schema.default)})` : '—'}</option>
            {schema.enum!.map((v) => (
              <option key={String(v)} value={String(v)}>
                {String(v)}
              </option>
            ))}
            {value !== undefined && !schema.enum!.includes(value) && <option value={show(value)}>{show(value)} (invalid)</option>}
          </select>
        </Row>
      );
    case 'boolean':
      return (
        <Row label={name} hint={hint} errors={errorsAt(ctx, path, false)}>
          <select
            data-testid={tid}
            value={value === undefined ? '' : String(value)}
            onChange={(e) => ctx.set(path, e.target.value === '' ? undefined : e.target.value === 'true')}
          >
            <option value="">{schema.default !== undefined ? `(${String(schema.default)})` : '—'}</option>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        </Row>
      );
    case 'integer':
    case 'number':
    case 'string':
    case 'duration':
    case 'percent':
      return (
        <Row label={name} unit={unitOf(name, sort)} hint={hint} errors={errorsAt(ctx, path, true)}>
          <TextInput value={value} sort={sort} testId={tid} placeholder={defaultText(schema, sort)} onChange={(v) => ctx.set(path, v)} />
        </Row>
      );
    case 'distribution':
      return <DistributionField name={name} schema={schema} value={value} path={path} ctx={ctx} tid={tid} />;
    case 'stringList':
      return (
        <Row label={name} hint={`${hint ?? ''} (one per line)`} errors={errorsAt(ctx, path, true)}>
          <TextInput
            multiline
            value={Array.isArray(value) ? value.map(show).join('\n') : value}
            sort="string"
            testId={tid}
            placeholder="one per line"
            onChange={(v) => {
              const lines = String(v ?? '')
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean);
              ctx.set(path, lines.length ? lines : undefined);
            }}
          />
        </Row>
      );
    case 'object':
      return <ObjectField name={name} schema={schema} value={value} path={path} ctx={ctx} tid={tid} />;
    case 'record':
      if (name === 'operations' && path.length === 3 && (path[0] === 'nodes' || path[0] === 'sagas'))
        return <OperationsField schema={schema} value={value} path={path} ctx={ctx} tid={tid} />;
      return <RecordField name={name} schema={schema} value={value} path={path} ctx={ctx} tid={tid} />;
    case 'list':
      return <ListField name={name} schema={schema} value={value} path={path} ctx={ctx} tid={tid} />;
  }
}

/** Fields most designs leave at their defaults: shown in a closed "advanced" fold, so a node's
 * form stays about one screen long. */
export const ADVANCED_FIELDS: ReadonlySet<string> = new Set([
  // nodes
  'image',
  'port',
  'balancer',
  'hashKey',
  'parallel',
  'resources',
  'env',
  'api',
  'versions',
  'health',
  'keys',
  'arrival',
  'maxDeliveries',
  // calls and requests
  'probability',
  'protocol',
  'weight',
  // retry, breaker, autoscale details
  'multiplier',
  'maxBackoff',
  'jitter',
  'minCalls',
  'halfOpenCalls',
  'slowCall',
  'slowRate',
  'startup',
  'downDelay',
]);

export function Fields({
  schema,
  value,
  path,
  ctx,
  keepInMain,
}: {
  schema: JsonSchema;
  value: unknown;
  path: Path;
  ctx: Ctx;
  /** Fields shown here even though they are usually advanced (an operation's weight). */
  keepInMain?: readonly string[];
}) {
  const obj = isObj(value) ? value : {};
  const entries = Object.entries(schema.properties ?? {});
  const isAdvanced = (k: string) => ADVANCED_FIELDS.has(k) && !keepInMain?.includes(k);
  const main = entries.filter(([k]) => !isAdvanced(k));
  const advanced = entries.filter(([k]) => isAdvanced(k));
  const set = advanced.filter(([k]) => obj[k] !== undefined).length;
  const tid = `${ctx.tid}.${[...path.slice(ctx.base), 'advanced'].join('.')}`;
  return (
    <>
      {main.map(([k, s]) => {
        const callee = typeof obj.to === 'string' ? obj.to : undefined;
        const ops = callee !== undefined && ctx.opsOf ? ctx.opsOf(callee) : null;
        // `op` always names one of the callee's operations; `compensate` does when it has any.
        if (callee !== undefined && ops && (k === 'op' || (k === 'compensate' && ops.length > 0)))
          return <OpPicker key={k} name={k} schema={s} value={obj[k]} path={[...path, k]} ctx={ctx} callee={callee} ops={ops} />;
        return <Field key={k} name={k} schema={s} value={obj[k]} path={[...path, k]} ctx={ctx} />;
      })}
      {advanced.length > 0 && (
        <Section
          name={`advanced${set > 0 ? ` (${set} set)` : ''}`}
          tid={tid}
          present
          defaultOpen={false}
          errors={advanced.reduce((n, [k]) => n + errorsAt(ctx, [...path, k], true).length, 0)}
          className="mw-advanced"
        >
          {advanced.map(([k, s]) => (
            <Field key={k} name={k} schema={s} value={obj[k]} path={[...path, k]} ctx={ctx} />
          ))}
        </Section>
      )}
    </>
  );
}

function Section(props: {
  name: string;
  tid: string;
  present: boolean;
  onAdd?: () => void;
  onRemove?: () => void;
  errors: number;
  children: ReactNode;
  defaultOpen?: boolean;
  className?: string;
}) {
  const [chosen, setOpen] = useState(props.defaultOpen ?? true);
  // A closed fold with a problem inside opens: nothing wrong stays hidden.
  const open = chosen || (props.defaultOpen === false && props.errors > 0);
  return (
    <fieldset
      className={`mw-section${props.errors ? ' has-error' : ''}${props.className ? ` ${props.className}` : ''}`}
      data-testid={props.tid}
      data-open={props.present && open ? 'true' : 'false'}
    >
      <legend>
        <button
          type="button"
          className="mw-section-toggle"
          onClick={() => setOpen(!open)}
          disabled={!props.present}
          aria-expanded={props.present && open}
          data-testid={`${props.tid}.toggle`}
        >
          {props.present ? (
            <Icon name="chevronRight" size={10} className={`mw-chevron${open ? ' is-open' : ''}`} />
          ) : (
            <span className="mw-chevron" />
          )}{' '}
          {props.name}
        </button>
        {!props.present && props.onAdd && (
          <button type="button" className="mw-link" data-testid={`${props.tid}.add`} onClick={props.onAdd}>
            + add
          </button>
        )}
        {props.present && props.onRemove && (
          <button
            type="button"
            className="mw-link"
            data-testid={`${props.tid}.remove`}
            onClick={props.onRemove}
            title={`remove ${props.name}`}
          >
            remove
          </button>
        )}
      </legend>
      {props.present && open && props.children}
    </fieldset>
  );
}

function ObjectField({
  name,
  schema,
  value,
  path,
  ctx,
  tid,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  path: Path;
  ctx: Ctx;
  tid: string;
}) {
  const present = value !== undefined;
  return (
    <Section
      name={name}
      tid={tid}
      present={present}
      errors={errorsAt(ctx, path, true).length}
      onAdd={() => ctx.set(path, {})}
      onRemove={() => ctx.set(path, undefined)}
    >
      {errorsAt(ctx, path, false).map((e, i) => (
        <div key={i} className="mw-field-error" role="alert">
          {e.message}
        </div>
      ))}
      <Fields schema={schema} value={value} path={path} ctx={ctx} />
    </Section>
  );
}

function RecordField({
  name,
  schema,
  value,
  path,
  ctx,
  tid,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  path: Path;
  ctx: Ctx;
  tid: string;
}) {
  const [key, setKey] = useState('');
  const entries = isObj(value) ? Object.entries(value) : [];
  const valueSchema = (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {}) as JsonSchema;
  const nested = sortOf(valueSchema) === 'object';
  return (
    <Section name={name} tid={tid} present errors={errorsAt(ctx, path, true).length}>
      {entries.map(([k, v]) =>
        nested ? (
          <Section
            key={k}
            name={k}
            tid={`${tid}.${k}`}
            present
            errors={errorsAt(ctx, [...path, k], true).length}
            onRemove={() => ctx.set([...path, k], undefined)}
          >
            <Fields schema={valueSchema} value={v} path={[...path, k]} ctx={ctx} />
          </Section>
        ) : (
          <div key={k} className="mw-record-row">
            <Field name={k} schema={{ type: 'string' }} value={v} path={[...path, k]} ctx={ctx} />
            <button type="button" className="mw-link" onClick={() => ctx.set([...path, k], undefined)} title={`remove ${k}`}>
              ✕
            </button>
          </div>
        ),
      )}
      <div className="mw-record-add">
        <input data-testid={`${tid}.newKey`} placeholder="new key" value={key} onChange={(e) => setKey(e.target.value)} />
        <button
          type="button"
          className="mw-link"
          disabled={!key.trim() || entries.some(([k]) => k === key.trim())}
          onClick={() => {
            ctx.set([...path, key.trim()], nested ? { weight: 0 } : '');
            setKey('');
          }}
        >
          + add
        </button>
      </div>
    </Section>
  );
}

function ListField({
  name,
  schema,
  value,
  path,
  ctx,
  tid,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  path: Path;
  ctx: Ctx;
  tid: string;
}) {
  const items = Array.isArray(value) ? value : [];
  const item = schema.items ?? {};
  const first = item.required?.[0];
  return (
    <Section name={`${name} (${items.length})`} tid={tid} present errors={errorsAt(ctx, path, true).length}>
      {items.map((v, i) => (
        <Section
          key={i}
          name={`${i + 1}. ${isObj(v) ? show(v.name ?? v.path ?? v.to ?? '') : ''}${isObj(v) && v.to !== undefined && (v.name ?? v.path) ? ` → ${show(v.to)}` : ''}${isObj(v) && typeof v.op === 'string' ? ` · ${v.op}` : ''}`}
          tid={`${tid}.${i}`}
          present
          errors={errorsAt(ctx, [...path, i], true).length}
          onRemove={() => ctx.set([...path, i], undefined)}
          // Several entries start folded to their one-line summary ("2. inventory-service"):
          // a node's form stays short; clicking a call on the canvas opens it whole.
          defaultOpen={items.length <= 1}
        >
          <Fields schema={item} value={v} path={[...path, i]} ctx={ctx} />
        </Section>
      ))}
      <button
        type="button"
        className="mw-link"
        data-testid={`${tid}.add`}
        onClick={() => ctx.set([...path, items.length], first ? { [first]: '' } : {})}
      >
        + add {name.replace(/s$/, '')}
      </button>
    </Section>
  );
}

/** A call's (request's, route's, step's) target operation, chosen from the callee's. */
function OpPicker({
  name,
  schema,
  value,
  path,
  ctx,
  callee,
  ops,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  path: Path;
  ctx: Ctx;
  callee: string;
  ops: readonly string[];
}) {
  const tid = `${ctx.tid}.${path.slice(ctx.base).join('.')}`;
  const current = value === undefined ? '' : show(value);
  return (
    <Row label={name} hint={schema.description} errors={errorsAt(ctx, path, false)}>
      <select data-testid={tid} value={current} onChange={(e) => ctx.set(path, e.target.value === '' ? undefined : e.target.value)}>
        <option value="">{ops.length === 0 ? '— (callee has no operations)' : name === 'op' ? '(any, by weight)' : '—'}</option>
        {ops.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        {current !== '' && !ops.includes(current) && (
          <option value={current}>
            {current} (not an operation of {callee})
          </option>
        )}
      </select>
    </Row>
  );
}

/** A node's operations: each one's name (renaming it rewrites the `op`s that name it), its own
 * work and calls, and add / remove. */
function OperationsField({ schema, value, path, ctx, tid }: { schema: JsonSchema; value: unknown; path: Path; ctx: Ctx; tid: string }) {
  const { removeOperation } = useEditorActions();
  const [draft, setDraft] = useState('');
  const entries = isObj(value) ? Object.entries(value) : [];
  const opSchema = (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {}) as JsonSchema;
  const nodeId = String(path[1]);
  const name = draft.trim();
  const taken = entries.some(([k]) => k === name);
  const add = () => {
    if (!name || taken) return;
    // The first operation needs the field itself; later ones are one inserted line.
    ctx.set(entries.length === 0 ? path : [...path, name], entries.length === 0 ? { [name]: { weight: 1 } } : { weight: 1 });
    setDraft('');
  };
  return (
    <Section name={`operations (${entries.length})`} tid={tid} present errors={errorsAt(ctx, path, true).length}>
      {errorsAt(ctx, path, false).map((e, i) => (
        <div key={i} className="mw-field-error" role="alert">
          {e.message}
        </div>
      ))}
      {entries.length === 0 && <p className="mw-muted mw-hint">No operations: every request runs the node's own latency and calls.</p>}
      {entries.map(([k, v]) => (
        <Section
          key={k}
          name={k}
          tid={`${tid}.${k}`}
          present
          errors={errorsAt(ctx, [...path, k], true).length}
          onRemove={() => removeOperation(nodeId, k)}
          defaultOpen={entries.length <= 2}
        >
          <OperationName nodeId={nodeId} name={k} testId={`${tid}.${k}.name`} />
          <Fields schema={opSchema} value={v} path={[...path, k]} ctx={ctx} keepInMain={['weight', 'parallel']} />
        </Section>
      ))}
      <div className="mw-record-add">
        <input
          data-testid={`${tid}.newKey`}
          placeholder="GET /orders/:id"
          value={draft}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        <button type="button" className="mw-link" data-testid={`${tid}.add`} disabled={!name || taken} onClick={add}>
          + add operation
        </button>
      </div>
      {taken && (
        <span className="mw-field-error">
          “{name}” is already an operation of {nodeId}
        </span>
      )}
    </Section>
  );
}

function OperationName({ nodeId, name, testId }: { nodeId: string; name: string; testId: string }) {
  const { renameOperation } = useEditorActions();
  const [draft, setDraft] = useState(name);
  const next = draft.trim();
  const commit = () => {
    if (next === name) return;
    if (renameOperation(nodeId, name, next) !== null) setDraft(name);
  };
  return (
    <label className="mw-field" title="renaming it rewrites every op that names it">
      <span className="mw-field-label">name</span>
      <span className="mw-field-input">
        <input
          data-testid={testId}
          value={draft}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape') setDraft(name);
          }}
          onBlur={commit}
        />
      </span>
      {next !== name && <span className="mw-field-hint">Enter renames it and every op that names it.</span>}
    </label>
  );
}

function DistributionField({
  name,
  schema,
  value,
  path,
  ctx,
  tid,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  path: Path;
  ctx: Ctx;
  tid: string;
}) {
  const variants = distributionVariants(schema);
  const dist = isObj(value) && typeof value.dist === 'string' ? value.dist : 'constant';
  const params = variants[dist] ?? {};
  const errors = errorsAt(ctx, path, true);
  return (
    <div className={`mw-field mw-dist${errors.length ? ' has-error' : ''}`} title={schema.description}>
      <span className="mw-field-label">{name}</span>
      <span className="mw-field-input">
        <select
          data-testid={`${tid}.dist`}
          value={dist}
          onChange={(e) => {
            const d = e.target.value;
            if (d === 'constant') ctx.set(path, isObj(value) ? (value.value ?? value.mean ?? value.p50 ?? value.min) : value);
            else {
              const keep = isObj(value) ? value : { value };
              const next: Record<string, unknown> = { dist: d };
              for (const p of Object.keys(variants[d] ?? {})) next[p] = keep[p] ?? keep.value ?? keep.mean ?? keep.p50 ?? '10ms';
              if (d === 'pareto') next.alpha = 2;
              ctx.set(path, next);
            }
          }}
        >
          {Object.keys(variants).map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </span>
      {!isObj(value) ? (
        <span className="mw-dist-params">
          <TextInput
            value={value}
            sort="duration"
            testId={tid}
            placeholder={defaultText(schema, 'distribution') ?? 'e.g. 20ms'}
            onChange={(v) => ctx.set(path, v)}
          />
          <span className="mw-field-unit">ms · 2s</span>
        </span>
      ) : (
        <span className="mw-dist-params">
          {Object.entries(params).map(([p, s]) => (
            <span key={p} className="mw-dist-param">
              <span className="mw-field-label">{p}</span>
              <TextInput value={value[p]} sort={sortOf(s)} testId={`${tid}.${p}`} onChange={(v) => ctx.set([...path, p], v)} />
            </span>
          ))}
        </span>
      )}
      {errors.map((e, i) => (
        <span key={i} className="mw-field-error" role="alert">
          {e.message}
        </span>
      ))}
    </div>
  );
}

/** Hook giving the form context for edits to the design text. */
export function useFormContext(
  problems: readonly Problem[],
  base: number,
  tid = 'inspector',
  opsOf?: (id: string) => readonly string[] | null,
): Ctx {
  const { edit } = useEditorActions();
  return {
    problems,
    tid,
    base,
    ...(opsOf ? { opsOf } : {}),
    set: (path, value) =>
      void edit([{ path, value }], `Edit ${path.filter((p) => typeof p === 'string').slice(-1)[0] ?? 'field'}`, path.join('\u0000')),
  };
}
