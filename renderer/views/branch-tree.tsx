// The remotes' refs as an ARIA tree: arrows move, Right and Left open and close, Enter or a click selects a ref.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Commit } from '../../helper/protocol';
import { formatTime } from '../format';
import { ancestorIds, buildRefTree, visibleNodes, type TreeNode } from './ref-tree';
import type { RemoteRefs } from '../stores/branches-store';

interface BranchTreeProps {
  remotes: RemoteRefs[];
  current: string | null;
  selected: string | null;
  tips: Record<string, Commit>;
  onSelect: (refspec: string) => void;
}

const itemId = (nodeId: string) => `treeitem-${nodeId}`;

/** Said explicitly so that an item's name is its own row, never the text of the items nested in it. */
function accessibleName(node: TreeNode, isCurrent: boolean, tip: Commit | undefined): string {
  const parts = [node.label];
  if (node.ref?.version) parts.push(node.ref.version);
  if (node.ref && node.ref.timestamp !== null) parts.push(formatTime(node.ref.timestamp));
  if (isCurrent) parts.push('Current');
  if (tip?.endOfLife) parts.push('End of life');
  return parts.join(', ');
}

export function BranchTree({ remotes, current, selected, tips, onSelect }: BranchTreeProps) {
  const roots = useMemo(() => buildRefTree(remotes), [remotes]);
  // The tree opens on the current branch; everything else starts folded so long lists stay readable.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set([...roots.map((root) => root.id), ...(current ? ancestorIds(current) : [])]),
  );
  const [focused, setFocused] = useState<string | null>(null);
  const moveFocus = useRef(false);
  const visible = useMemo(() => visibleNodes(roots, expanded), [roots, expanded]);
  const tabStop = visible.find((node) => node.id === focused) ?? visible.find((node) => node.id === selected) ?? visible[0];

  // Status can arrive after the refs: open the way to the current branch once it is known.
  useEffect(() => {
    if (!current) return;
    setExpanded((previous) => new Set([...previous, ...ancestorIds(current)]));
  }, [current]);

  useEffect(() => {
    if (!moveFocus.current || !focused) return;
    moveFocus.current = false;
    document.getElementById(itemId(focused))?.focus();
  }, [focused, visible]);

  const toggle = (node: TreeNode, open = !expanded.has(node.id)) => {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (open) next.add(node.id);
      else next.delete(node.id);
      return next;
    });
  };

  const activate = (node: TreeNode) => {
    setFocused(node.id);
    if (node.ref) onSelect(node.id);
    else toggle(node);
  };

  const focusNode = (node: TreeNode | undefined) => {
    if (!node) return;
    moveFocus.current = true;
    setFocused(node.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const itemElement = (event.target as Element).closest('[role="treeitem"]');
    const node = visible.find((candidate) => itemId(candidate.id) === itemElement?.id);
    if (!node) return;
    const index = visible.indexOf(node);
    const open = expanded.has(node.id);
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          focusNode(visible[index + 1]);
          return true;
        case 'ArrowUp':
          focusNode(visible[index - 1]);
          return true;
        case 'Home':
          focusNode(visible[0]);
          return true;
        case 'End':
          focusNode(visible.at(-1));
          return true;
        case 'ArrowRight':
          if (node.children.length === 0) return true;
          if (open) focusNode(node.children[0]);
          else toggle(node, true);
          return true;
        case 'ArrowLeft':
          if (open && node.children.length > 0) toggle(node, false);
          else focusNode(visible.find((candidate) => candidate.id === node.parent));
          return true;
        case 'Enter':
        case ' ':
          activate(node);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const renderNode = (node: TreeNode) => {
    const hasChildren = node.children.length > 0;
    const open = expanded.has(node.id);
    const tip = tips[node.id];
    const onClick = (event: MouseEvent) => {
      // Clicks bubble up from nested items; each item answers only for itself.
      if ((event.target as Element).closest('[role="treeitem"]') !== event.currentTarget) return;
      activate(node);
    };
    return (
      <li
        key={node.id}
        id={itemId(node.id)}
        role="treeitem"
        aria-level={node.level}
        aria-expanded={hasChildren ? open : undefined}
        aria-selected={node.ref ? node.id === selected : undefined}
        aria-label={accessibleName(node, node.id === current, tip)}
        tabIndex={node === tabStop ? 0 : -1}
        onClick={onClick}
        onFocus={(event) => {
          if (event.target === event.currentTarget) setFocused(node.id);
        }}
      >
        <div className={`tree-row${node.id === selected ? ' selected' : ''}`} aria-hidden="true">
          <span className="tree-twisty" aria-hidden="true">
            {hasChildren ? (open ? '▾' : '▸') : ''}
          </span>
          <span className="tree-label">{node.label}</span>
          {node.ref && (
            <span className="tree-meta">
              {node.ref.version && <span>{node.ref.version}</span>}
              {node.ref.timestamp !== null && <span>{formatTime(node.ref.timestamp)}</span>}
            </span>
          )}
          {node.id === current && <span className="badge accent">Current</span>}
          {tip?.endOfLife && <span className="badge warning">End of life</span>}
        </div>
        {hasChildren && open && <ul role="group">{node.children.map(renderNode)}</ul>}
      </li>
    );
  };

  return (
    <ul className="tree" role="tree" aria-label="Branches by remote" onKeyDown={onKeyDown}>
      {roots.map(renderNode)}
    </ul>
  );
}
