// Search a node by id or label and jump to it: the canvas centres it and selects it.
import { useMemo, useState, forwardRef } from 'react';
import { useEditorActions, useModel } from '../store/useEditor';

export const SearchBox = forwardRef<HTMLInputElement>(function SearchBox(_props, ref) {
  const model = useModel();
  const { select, requestView } = useEditorActions();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!needle || !model) return [];
    return Object.entries(model.nodes)
      .filter(([id, n]) => id.toLowerCase().includes(needle) || (n.label ?? '').toLowerCase().includes(needle))
      .slice(0, 8)
      .map(([id, n]) => ({ id, label: n.label, kind: n.kind }));
  }, [q, model]);
  const jump = (id: string) => {
    select({ nodes: [id], edge: null });
    requestView({ kind: 'focus', node: id });
    setQ('');
  };
  return (
    <div className="mw-search">
      <input
        ref={ref}
        type="search"
        placeholder="Search nodes  (Ctrl+K)"
        data-testid="toolbar.search"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && matches[active]) jump(matches[active].id);
          else if (e.key === 'Escape') {
            setQ('');
            (e.target as HTMLInputElement).blur();
          }
        }}
      />
      {matches.length > 0 && (
        <ul className="mw-search-results" role="listbox">
          {matches.map((m, i) => (
            <li key={m.id}>
              <button
                type="button"
                className={i === active ? 'is-active' : ''}
                data-testid={`search.result.${m.id}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  jump(m.id);
                }}
              >
                <strong>{m.id}</strong> {m.label && m.label !== m.id && <span>{m.label}</span>} <em>{m.kind}</em>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
