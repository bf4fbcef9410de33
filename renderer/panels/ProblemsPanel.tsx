// Every problem the engine's validator found; clicking one selects its node, centres it and
// shows the line in the code panel.
import { useEditorActions, useProblems } from '../store/useEditor';

export function ProblemsPanel({ onShowCode }: { onShowCode: () => void }) {
  const problems = useProblems();
  const { select, requestView } = useEditorActions();
  if (problems.length === 0)
    return (
      <div className="mw-problems mw-muted" data-testid="problems.empty">
        No problems: the design is valid.
      </div>
    );
  return (
    <ul className="mw-problems" data-testid="problems.list">
      {problems.map((p, i) => {
        const node = (p.path[0] === 'nodes' || p.path[0] === 'sagas') && typeof p.path[1] === 'string' ? p.path[1] : null;
        return (
          <li key={i}>
            <button
              type="button"
              className="mw-problem"
              data-testid="problems.item"
              onClick={() => {
                if (node) {
                  select({ nodes: [node], edge: null });
                  requestView({ kind: 'focus', node });
                } else onShowCode();
              }}
            >
              <span className="mw-problem-icon">⨯</span>
              <span className="mw-problem-where">
                {p.line}:{p.column}
              </span>
              <span className="mw-problem-message">{p.message}</span>
              {node && <span className="mw-problem-node">{node}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
