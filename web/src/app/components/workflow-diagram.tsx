import { useTranslation } from 'react-i18next';
import { registerTranslations } from '../i18n';

// The diagram's own words, so every module that shows a workflow (the admin editor, a case's page) has them.
registerTranslations('workflowDiagram', {
  el: {
    diagram: 'Διάγραμμα της ροής',
    initial: 'αρχική',
    editStateOf: 'Επεξεργασία κατάστασης: {{name}}',
    editTransitionOf: 'Επεξεργασία μετάβασης: {{name}}',
    categories: {
      new: 'Νέο',
      open: 'Ανοιχτό',
      in_progress: 'Σε εξέλιξη',
      waiting_citizen: 'Αναμονή δημότη',
      resolved: 'Επιλύθηκε',
      rejected: 'Απορρίφθηκε',
      closed: 'Κλειστό',
    },
  },
  en: {
    diagram: 'Workflow diagram',
    initial: 'initial',
    editStateOf: 'Edit state: {{name}}',
    editTransitionOf: 'Edit transition: {{name}}',
    categories: {
      new: 'New',
      open: 'Open',
      in_progress: 'In progress',
      waiting_citizen: 'Waiting for resident',
      resolved: 'Resolved',
      rejected: 'Rejected',
      closed: 'Closed',
    },
  },
});

/** What the diagram draws of a state. */
export interface DiagramState {
  key: string;
  nameEl: string;
  nameEn: string;
  category: string;
  initial?: boolean;
}
/** What the diagram draws of a transition (a comment-required one is dashed). */
export interface DiagramTransition {
  key: string;
  from: string;
  to: string;
  nameEl: string;
  nameEn: string;
  commentRequired: boolean;
}

export const CATEGORY_COLOURS: Record<string, string> = {
  new: '#1c7ed6',
  open: '#1098ad',
  in_progress: '#f08c00',
  waiting_citizen: '#ae3ec9',
  resolved: '#2f9e44',
  rejected: '#e03131',
  closed: '#495057',
};

const W = 170;
const H = 54;
const GAP_X = 70;
const GAP_Y = 34;

/** Columns by distance from the initial state (breadth first); unreachable states go last. */
function layout(states: DiagramState[], transitions: DiagramTransition[]) {
  const depth = new Map<string, number>();
  const start = states.find((s) => s.initial) ?? states[0];
  if (start) {
    depth.set(start.key, 0);
    const queue = [start.key];
    while (queue.length) {
      const k = queue.shift() as string;
      for (const t of transitions) {
        if (t.from === k && !depth.has(t.to)) {
          depth.set(t.to, (depth.get(k) ?? 0) + 1);
          queue.push(t.to);
        }
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const cols = new Map<number, string[]>();
  for (const s of states) {
    const d = depth.get(s.key) ?? maxDepth + 1;
    cols.set(d, [...(cols.get(d) ?? []), s.key]);
  }
  const pos = new Map<string, { x: number; y: number }>();
  for (const [d, keys] of cols) {
    for (const [i, k] of keys.entries()) pos.set(k, { x: 10 + d * (W + GAP_X), y: 10 + i * (H + GAP_Y) });
  }
  const width = 20 + (Math.max(...cols.keys(), 0) + 1) * (W + GAP_X) - GAP_X;
  const height = 20 + Math.max(...[...cols.values()].map((c) => c.length), 1) * (H + GAP_Y) - GAP_Y;
  return { pos, width, height };
}

/**
 * The workflow as a diagram: states as boxes coloured by category, transitions as arrows.
 * With `onState`/`onTransition` (the editor) boxes and arrow labels are buttons (Tab + Enter) that
 * open their editor; without them (a case's page) it is a picture, `current` drawn heavier, and the
 * page beside it gives the same information as text.
 */
export function WorkflowDiagram({
  states,
  transitions,
  onState,
  onTransition,
  current,
}: {
  states: DiagramState[];
  transitions: DiagramTransition[];
  onState?: (i: number) => void;
  onTransition?: (i: number) => void;
  current?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const loc = (el: string, en: string) => (i18n.language === 'en' ? en || el : el || en);
  const { pos, width, height } = layout(states, transitions);
  const key = (e: React.KeyboardEvent, f: () => void) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      f();
    }
  };
  /** Button behaviour for the editor; nothing for a read-only picture. */
  const act = (label: string, f: (() => void) | undefined) =>
    f
      ? {
          role: 'button',
          tabIndex: 0,
          'aria-label': label,
          onClick: f,
          onKeyDown: (e: React.KeyboardEvent) => key(e, f),
          style: { cursor: 'pointer' },
        }
      : {};
  return (
    <section
      aria-label={t('workflowDiagram.diagram')}
      style={{ overflowX: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: 'white' }}
    >
      <svg width={width} height={height} style={{ display: 'block' }}>
        <title>{t('workflowDiagram.diagram')}</title>
        <defs>
          <marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#495057" />
          </marker>
        </defs>
        {transitions.map((tr, i) => {
          const a = pos.get(tr.from);
          const b = pos.get(tr.to);
          if (!a || !b) return null;
          const back = b.x <= a.x;
          const x1 = back ? a.x + W / 2 : a.x + W;
          const y1 = back ? a.y + H : a.y + H / 2;
          const x2 = back ? b.x + W / 2 : b.x;
          const y2 = back ? b.y + H : b.y + H / 2;
          const bend = back ? 40 + (i % 3) * 14 : ((i % 3) - 1) * 18;
          const mx = (x1 + x2) / 2;
          const my = (y1 + y2) / 2 + bend;
          const name = loc(tr.nameEl, tr.nameEn);
          return (
            <g key={tr.key} {...act(t('workflowDiagram.editTransitionOf', { name }), onTransition && (() => onTransition(i)))}>
              <path
                d={`M ${x1} ${y1} Q ${mx} ${my} ${x2} ${y2}`}
                fill="none"
                stroke="#495057"
                strokeWidth={1.5}
                markerEnd="url(#wf-arrow)"
                strokeDasharray={tr.commentRequired ? '5 3' : undefined}
              />
              <text
                x={mx}
                y={(y1 + y2) / 2 + bend / 2 - 4}
                textAnchor="middle"
                fontSize={11}
                fill="#212529"
                style={{ paintOrder: 'stroke', stroke: 'white', strokeWidth: 4 }}
              >
                {name.length > 26 ? `${name.slice(0, 25)}…` : name}
              </text>
            </g>
          );
        })}
        {states.map((s, i) => {
          const p = pos.get(s.key);
          if (!p) return null;
          const colour = CATEGORY_COLOURS[s.category] ?? '#495057';
          const name = loc(s.nameEl, s.nameEn);
          return (
            <g key={s.key} {...act(t('workflowDiagram.editStateOf', { name }), onState && (() => onState(i)))}>
              <rect
                x={p.x}
                y={p.y}
                width={W}
                height={H}
                rx={10}
                fill={s.key === current ? '#fff9db' : 'white'}
                stroke={colour}
                strokeWidth={s.key === current ? 5 : s.initial ? 3.5 : 2}
              />
              <rect x={p.x} y={p.y} width={8} height={H} rx={4} fill={colour} />
              <text x={p.x + 16} y={p.y + 22} fontSize={13} fontWeight={600} fill="#212529">
                {name.length > 20 ? `${name.slice(0, 19)}…` : name}
              </text>
              <text x={p.x + 16} y={p.y + 40} fontSize={11} fill="#495057">
                {t(`workflowDiagram.categories.${s.category}`)}
                {s.initial ? ` · ${t('workflowDiagram.initial')}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
    </section>
  );
}
