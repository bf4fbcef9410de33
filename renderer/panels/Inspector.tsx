// The inspector: a form for the selected node or call (or the design itself when nothing is
// selected), generated from the format's schema, validated as you type by the engine.
import { useState } from 'react';
import { renameRefusal, type Design, type DesignNode, type NodeKind } from '../../engine/index';
import { Icon } from '../canvas/icons';
import { KINDS } from '../canvas/kinds';
import { edgeRefOf } from '../store/editorStore';
import { rawOf, valueAt } from '../store/rawDocument';
import { useEditorActions, useModel, useProblems, useSelection, useText } from '../store/useEditor';
import { CLOSED_LOOP, loadModeEdits, loadModeOf, OPEN_LOOP } from './loadMode';
import { Fields, useFormContext } from './SchemaForm';
import { designFieldsSchema, entrySchema, nodeSchema, type JsonSchema } from './schemaFields';

export function Inspector({ onCollapse }: { onCollapse?: () => void }) {
  const selection = useSelection();
  const model = useModel();
  const text = useText();
  const raw = rawOf(text);
  let body;
  if (!raw) body = <p className="mw-muted">The YAML has syntax errors; fix them in the code panel to edit here.</p>;
  else if (selection.nodes.length === 1) body = <NodeForm id={selection.nodes[0]!} raw={raw} model={model} />;
  else if (selection.nodes.length > 1) body = <p className="mw-muted">{selection.nodes.length} nodes selected.</p>;
  else if (selection.edge) body = <EdgeForm edgeId={selection.edge} raw={raw} model={model} />;
  else body = <DesignForm raw={raw} />;
  return (
    <aside className="mw-inspector" data-testid="inspector">
      {onCollapse && (
        <button
          type="button"
          className="mw-collapse mw-inspector-collapse"
          data-testid="inspector.collapse"
          title="Hide the inspector"
          onClick={onCollapse}
        >
          <Icon name="chevronRight" size={12} />
        </button>
      )}
      {body}
    </aside>
  );
}

/** The operation names of a node as the YAML has them now (null: no such node). */
function opsLookup(raw: Record<string, unknown>): (id: string) => readonly string[] | null {
  return (id) => {
    const n = valueAt(raw, basePathOf(raw, id)) as Record<string, unknown> | undefined;
    if (!n || typeof n !== 'object') return null;
    const ops = n.operations;
    return ops && typeof ops === 'object' && !Array.isArray(ops) ? Object.keys(ops) : [];
  };
}

function basePathOf(raw: Record<string, unknown>, id: string): (string | number)[] {
  const sagas = raw.sagas as Record<string, unknown> | undefined;
  return sagas && typeof sagas === 'object' && id in sagas ? ['sagas', id] : ['nodes', id];
}

function NodeForm({ id, raw, model }: { id: string; raw: Record<string, unknown>; model: Design | null }) {
  const problems = useProblems();
  const ctx = useFormContext(problems, 2, 'inspector', opsLookup(raw));
  const base = basePathOf(raw, id);
  const value = valueAt(raw, base) as Record<string, unknown> | undefined;
  const kind = (typeof value?.kind === 'string' ? value.kind : (model?.nodes[id] as DesignNode | undefined)?.kind) as NodeKind | undefined;
  const schema = kind ? nodeSchema(kind) : undefined;
  if (!value || !kind || !schema) return <p className="mw-muted">“{id}” is not in the YAML any more.</p>;
  const info = KINDS[kind];
  return (
    <div className="mw-form">
      <header className="mw-inspector-head" style={{ borderColor: info.colour }}>
        <span className="mw-inspector-icon" style={{ color: info.colour }}>
          <Icon name={kind} size={22} />
        </span>
        <div>
          <div className="mw-inspector-title" data-testid="inspector.id">
            {id}
          </div>
          <div className="mw-muted">
            {info.title} · {info.hint}
          </div>
        </div>
      </header>
      <RenameField key={id} id={id} raw={raw} />
      {kind === 'client' ? (
        <ClientFields schema={schema} value={value} path={base} ctx={ctx} />
      ) : (
        <Fields schema={schema} value={value} path={base} ctx={ctx} />
      )}
      <Fields
        schema={{ type: 'object', properties: { notes: { type: 'array', items: { type: 'string' }, description: 'review comments' } } }}
        value={{ notes: valueAt(raw, ['notes', id]) }}
        path={[]}
        ctx={{ ...ctx, set: (p, v) => ctx.set(['notes', id, ...p.slice(1)], v), base: 0 }}
      />
    </div>
  );
}

/** A client is an open loop (`rate` requests per second) or a closed loop (`users` who each wait
 * for the answer and think): the form shows one set of fields, and switching is one undo step
 * that keeps about the same load (users ≈ rate × think) and changes only those fields' lines. */
function ClientFields({
  schema,
  value,
  path,
  ctx,
}: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  path: (string | number)[];
  ctx: ReturnType<typeof useFormContext>;
}) {
  const { edit } = useEditorActions();
  const closed = loadModeOf(value) === 'users';
  const hidden = closed ? OPEN_LOOP : CLOSED_LOOP;
  const shown: JsonSchema = {
    ...schema,
    properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => !hidden.includes(k))),
  };
  const switchTo = (mode: string) => {
    if (mode !== 'users' && mode !== 'rate') return;
    const edits = loadModeEdits(value, path, mode);
    if (edits.length > 0) edit(edits, mode === 'users' ? 'Closed-loop users' : 'Open-loop rate');
  };
  return (
    <>
      <label className="mw-field" title="open loop: requests arrive at a rate; closed loop: users wait for each answer, then think">
        <span className="mw-field-label">load</span>
        <span className="mw-field-input">
          <select data-testid="inspector.loadMode" value={closed ? 'users' : 'rate'} onChange={(e) => switchTo(e.target.value)}>
            <option value="rate">open loop (rate)</option>
            <option value="users">closed loop (users)</option>
          </select>
        </span>
      </label>
      <Fields schema={shown} value={value} path={path} ctx={ctx} />
    </>
  );
}

/** The node's id: what YAML, exports and references use. Renaming it rewrites every reference
 * (engine/model/refactor.ts), on Enter or when the field loses focus. */
function RenameField({ id, raw }: { id: string; raw: Record<string, unknown> }) {
  const { renameNode } = useEditorActions();
  const [draft, setDraft] = useState(id);
  const next = draft.trim();
  const refusal = next === id ? null : renameRefusal(raw, id, next);
  const commit = () => {
    if (next === id) return;
    if (refusal || renameNode(id, next) !== null) setDraft(id);
  };
  return (
    <label className={`mw-field${refusal ? ' has-error' : ''}`} title="the id the YAML, the exports and every reference use">
      <span className="mw-field-label">id</span>
      <span className="mw-field-input">
        <input
          data-testid="inspector.nodeId"
          value={draft}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape') setDraft(id);
          }}
          onBlur={commit}
        />
      </span>
      {refusal && (
        <span className="mw-field-error" role="alert">
          {refusal}
        </span>
      )}
      {!refusal && next !== id && <span className="mw-field-hint">Enter renames it and every reference to it.</span>}
    </label>
  );
}

function EdgeForm({ edgeId, raw, model }: { edgeId: string; raw: Record<string, unknown>; model: Design | null }) {
  const problems = useProblems();
  const ctx = useFormContext(problems, 2, 'inspector', opsLookup(raw));
  const { deleteEdges } = useEditorActions();
  const ref = edgeRefOf(model, edgeId);
  if (!ref || !model) return <p className="mw-muted">This call is not in the design any more.</p>;
  const from = model.nodes[ref.from]!;
  const base = basePathOf(raw, ref.from);
  const rawFrom = valueAt(raw, base) as Record<string, unknown>;
  const schema = ref.field === 'consumers' || ref.field === 'miss' || ref.field === 'dlq' ? undefined : entrySchema(from.kind, ref.field);
  // A gateway route or saga step takes its policy from the calls entry with the same target.
  const policyIndex =
    (ref.field === 'routes' || ref.field === 'steps') && Array.isArray(rawFrom.calls)
      ? (rawFrom.calls as { to?: unknown }[]).findIndex((c) => c?.to === ref.to)
      : -1;
  const title = {
    calls: 'Call',
    requests: 'Client requests',
    routes: 'Gateway route',
    steps: 'Saga step',
    consumers: 'Delivery',
    miss: 'Cache miss',
    dlq: 'Dead letters',
  }[ref.field];
  return (
    <div className="mw-form">
      <header className="mw-inspector-head">
        <span className="mw-inspector-icon">
          <Icon name="call" size={22} />
        </span>
        <div>
          <div className="mw-inspector-title" data-testid="inspector.id">
            {ref.from} → {ref.to}
          </div>
          <div className="mw-muted">{title}</div>
        </div>
      </header>
      {schema
        ? ref.indices.map((i) => (
            <fieldset key={i} className="mw-section">
              {ref.indices.length > 1 && <legend>entry {i + 1}</legend>}
              <Fields schema={schema} value={valueAt(rawFrom, [ref.field, i])} path={[...base, ref.field, i]} ctx={ctx} />
            </fieldset>
          ))
        : null}
      {schema &&
        ref.field === 'calls' &&
        Object.entries(ref.operations ?? {}).flatMap(([op, indices]) =>
          indices.map((i) => (
            <fieldset key={`${op}\0${i}`} className="mw-section" data-testid={`inspector.opCall.${op}.${i}`}>
              <legend>
                in operation <code>{op}</code>
                {indices.length > 1 ? `, entry ${i + 1}` : ''}
              </legend>
              <Fields
                schema={schema}
                value={valueAt(rawFrom, ['operations', op, 'calls', i])}
                path={[...base, 'operations', op, 'calls', i]}
                ctx={ctx}
              />
            </fieldset>
          )),
        )}
      {schema ? null : (
        <p className="mw-muted">
          {ref.field === 'consumers'
            ? `${ref.to} consumes ${ref.from}.`
            : `${ref.from} sends ${ref.field === 'miss' ? 'misses' : 'dead letters'} to ${ref.to}.`}
        </p>
      )}
      {(ref.field === 'routes' || ref.field === 'steps') && (
        <fieldset className="mw-section">
          <legend>policy (timeout, retry, breaker)</legend>
          {policyIndex >= 0 ? (
            <Fields
              schema={entrySchema(from.kind, 'calls')!}
              value={valueAt(rawFrom, ['calls', policyIndex])}
              path={[...base, 'calls', policyIndex]}
              ctx={ctx}
            />
          ) : (
            <button
              type="button"
              className="mw-link"
              onClick={() =>
                ctx.set([...base, 'calls', Array.isArray(rawFrom.calls) ? rawFrom.calls.length : 0], { to: ref.to, timeout: '1s' })
              }
            >
              + add a policy
            </button>
          )}
        </fieldset>
      )}
      <button type="button" className="mw-button mw-danger" data-testid="inspector.deleteCall" onClick={() => deleteEdges([ref])}>
        Delete
      </button>
    </div>
  );
}

function DesignForm({ raw }: { raw: Record<string, unknown> }) {
  const problems = useProblems();
  const ctx = useFormContext(problems, 0);
  return (
    <div className="mw-form">
      <header className="mw-inspector-head">
        <span className="mw-inspector-icon">
          <Icon name="design" size={22} />
        </span>
        <div>
          <div className="mw-inspector-title" data-testid="inspector.id">
            Design
          </div>
          <div className="mw-muted">Select a node or a call to edit it.</div>
        </div>
      </header>
      <Fields schema={designFieldsSchema()} value={raw} path={[]} ctx={ctx} />
    </div>
  );
}
