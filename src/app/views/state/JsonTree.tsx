import { memo, useState } from 'react';
import type { JsonValue } from '../../../core/junjo/json-value.ts';
import { childPointer, isUnder } from './json-pointer.ts';

const PAGE = 100;

export interface JsonTreeProps {
  readonly value: JsonValue;
  readonly label: string;
  /** Pointers the current transition touched: their ancestors start open, they are marked. */
  readonly marked?: readonly string[];
  /** The key whose history is shown. */
  readonly selectedPath?: string;
  readonly onPickPath: (pointer: string) => void;
}

/**
 * A state as a collapsible tree. Children render only when their parent is open, and long
 * containers show PAGE entries at a time, so a 1 MB state costs what is on screen.
 */
export const JsonTree = memo(function JsonTree({ value, label, marked = [], selectedPath, onPickPath }: JsonTreeProps) {
  return (
    <ul className="st-tree" role="tree" aria-label={label}>
      <TreeNode name="(whole state)" pointer="" value={value} depth={0} marked={marked} selectedPath={selectedPath} onPickPath={onPickPath} />
    </ul>
  );
});

interface NodeProps {
  readonly name: string;
  readonly pointer: string;
  readonly value: JsonValue;
  readonly depth: number;
  readonly marked: readonly string[];
  readonly selectedPath?: string;
  readonly onPickPath: (pointer: string) => void;
}

function TreeNode({ name, pointer, value, depth, marked, selectedPath, onPickPath }: NodeProps) {
  const isContainer = typeof value === 'object' && value !== null;
  const onMarkedPath = marked.some((m) => isUnder(m, pointer));
  const isMarked = marked.some((m) => isUnder(pointer, m));
  const [open, setOpen] = useState(depth === 0 || onMarkedPath);
  const [limit, setLimit] = useState(PAGE);
  const entries: [string, JsonValue][] = !isContainer ? [] : Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const className = `st-node${isMarked ? ' st-marked' : ''}${selectedPath === pointer ? ' st-selected' : ''}`;
  const keyButton = (
    <button type="button" className="st-key st-key-button" title={`History of ${pointer || '(whole state)'}`} onClick={() => onPickPath(pointer)} aria-pressed={selectedPath === pointer}>
      {name}
    </button>
  );
  if (!isContainer) {
    return (
      <li role="treeitem" className={className}>
        <span className="st-toggle-space" aria-hidden="true" />
        {keyButton}
        <span className="st-colon">: </span>
        <span className={`st-value st-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
      </li>
    );
  }
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <li role="treeitem" aria-expanded={open} className={className}>
      <button type="button" className="st-toggle" aria-label={open ? `Collapse ${name}` : `Expand ${name}`} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {keyButton}
      <span className="muted"> {brackets[0]}{open ? '' : ` ${entries.length} ${Array.isArray(value) ? 'item' : 'key'}${entries.length === 1 ? '' : 's'} ${brackets[1]}`}</span>
      {open && (
        <ul role="group">
          {pageWithMarked(entries, limit, pointer, marked, selectedPath).map(([key, child]) => (
            <TreeNode key={key} name={key} pointer={childPointer(pointer, key)} value={child} depth={depth + 1} marked={marked} selectedPath={selectedPath} onPickPath={onPickPath} />
          ))}
          {entries.length > limit && (
            <li role="none">
              <button type="button" className="st-more" onClick={() => setLimit(limit + PAGE * 5)}>
                show more ({entries.length - limit} not shown)
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/** The first `limit` entries, plus any later entry leading to a marked or selected path (so it stays visible). */
function pageWithMarked(entries: [string, JsonValue][], limit: number, pointer: string, marked: readonly string[], selectedPath?: string): [string, JsonValue][] {
  if (entries.length <= limit) return entries;
  const targets = selectedPath !== undefined ? [...marked, selectedPath] : marked;
  const extra = targets.length === 0 ? [] : entries.slice(limit).filter(([key]) => {
    const child = childPointer(pointer, key);
    return targets.some((t) => isUnder(t, child));
  });
  return [...entries.slice(0, limit), ...extra];
}
