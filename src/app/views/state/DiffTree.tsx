import { memo, useState } from 'react';
import type { DiffNode } from './diff-model.ts';
import { ValueText } from './ValueText.tsx';
import { countOf } from '../../ui/count-of.ts';

export interface DiffTreeProps {
  readonly node: DiffNode;
  /** Called with a pointer when a key is clicked (shows that key's history). */
  readonly onPickPath?: (pointer: string) => void;
  readonly openDepth?: number;
}

/** A jsondiffpatch delta (via diff-model.ts) drawn as a collapsible tree of text. */
export const DiffTree = memo(function DiffTree({ node, onPickPath, openDepth = 3 }: DiffTreeProps) {
  return (
    <ul className="st-diff" role="tree" aria-label="Changes">
      <DiffEntry node={node} depth={0} onPickPath={onPickPath} openDepth={openDepth} />
    </ul>
  );
});

function KeyButton({ node, onPickPath }: { node: DiffNode; onPickPath?: (pointer: string) => void }) {
  const label = node.key === '' ? '(whole state)' : node.key;
  if (!onPickPath) return <span className="st-key">{label}</span>;
  return (
    <button type="button" className="st-key st-key-button" title={`History of ${node.pointer || '(whole state)'}`} onClick={() => onPickPath(node.pointer)}>
      {label}
    </button>
  );
}

const PAGE = 100;

function DiffEntry({ node, depth, onPickPath, openDepth }: { node: DiffNode; depth: number; onPickPath?: (pointer: string) => void; openDepth: number }) {
  if (node.kind === 'nested') return <NestedEntry node={node} depth={depth} onPickPath={onPickPath} openDepth={openDepth} />;
  return (
    <li role="treeitem" className={`st-diff-leaf st-${node.kind}`}>
      <span className="st-sign" aria-hidden="true">{sign[node.kind]}</span>
      <span className="visually-hidden">{node.kind}: </span>
      <KeyButton node={node} onPickPath={onPickPath} />
      <span className="st-colon">: </span>
      {node.kind === 'changed' ? (
        <>
          <del className="st-old"><ValueText value={node.before} /></del>
          <span className="st-arrow" aria-label="becomes"> → </span>
          <ins className="st-new"><ValueText value={node.after} /></ins>
        </>
      ) : node.kind === 'moved' ? (
        <span className="muted">moved from index {node.from} to {node.to}</span>
      ) : node.kind === 'added' ? (
        <ins className="st-new"><ValueText value={node.value} /></ins>
      ) : (
        <del className="st-old"><ValueText value={node.value} /></del>
      )}
    </li>
  );
}

const sign = { added: '+', removed: '−', changed: '~', moved: '↕' } as const;

type Nested = Extract<DiffNode, { kind: 'nested' }>;

/** A changed object or array: children render only while open, PAGE at a time (large diffs stay cheap). */
function NestedEntry({ node, depth, onPickPath, openDepth }: { node: Nested; depth: number; onPickPath?: (pointer: string) => void; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const [limit, setLimit] = useState(PAGE);
  const summary = `${countOf(node.children.length, 'change')}${node.unchanged > 0 ? `, ${node.unchanged} unchanged` : ''}`;
  return (
    <li role="treeitem" aria-expanded={open} className="st-diff-nested">
      <button type="button" className="st-toggle" aria-label={open ? `Collapse ${node.key || 'whole state'}` : `Expand ${node.key || 'whole state'}`} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      <KeyButton node={node} onPickPath={onPickPath} /> <span className="muted">{node.container === 'array' ? '[ ]' : '{ }'} {summary}</span>
      {open && (
        <ul role="group">
          {node.children.slice(0, limit).map((child) => (
            <DiffEntry key={`${child.kind}:${child.pointer}:${child.key}`} node={child} depth={depth + 1} onPickPath={onPickPath} openDepth={openDepth} />
          ))}
          {node.children.length > limit && (
            <li role="none">
              <button type="button" className="st-more" onClick={() => setLimit(limit + PAGE * 5)}>show more ({node.children.length - limit} not shown)</button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}
