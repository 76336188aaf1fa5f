// Refs grouped by their path segments (os / version / arch / variant) under their remote, for the branch tree.
import type { RemoteRef } from '../../helper/protocol';
import type { RemoteRefs } from '../stores/branches-store';

export interface TreeNode {
  /** `remote:` for a remote, `remote:path/prefix` below it: unique, and equal to the refspec for a ref's own node. */
  id: string;
  label: string;
  level: number;
  parent: string | null;
  children: TreeNode[];
  /** Set when a ref ends at this node; a node can be both a ref and the parent of longer refs. */
  ref: RemoteRef | null;
}

function compareLabels(a: TreeNode, b: TreeNode): number {
  return a.label.localeCompare(b.label, undefined, { numeric: true });
}

export function buildRefTree(remotes: RemoteRefs[]): TreeNode[] {
  return remotes.map((remote) => {
    const root: TreeNode = { id: `${remote.remote}:`, label: remote.remote, level: 1, parent: null, children: [], ref: null };
    for (const ref of remote.refs) {
      let node = root;
      const segments = ref.ref.split('/');
      segments.forEach((segment, index) => {
        const id = `${remote.remote}:${segments.slice(0, index + 1).join('/')}`;
        let child = node.children.find((candidate) => candidate.id === id);
        if (!child) {
          child = { id, label: segment, level: node.level + 1, parent: node.id, children: [], ref: null };
          node.children.push(child);
        }
        node = child;
      });
      node.ref = ref;
    }
    sortTree(root);
    return root;
  });
}

function sortTree(node: TreeNode): void {
  node.children.sort(compareLabels);
  node.children.forEach(sortTree);
}

/** The nodes a user can reach with the arrow keys: every node whose ancestors are all expanded, in document order. */
export function visibleNodes(roots: TreeNode[], expanded: ReadonlySet<string>): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (node: TreeNode) => {
    out.push(node);
    if (expanded.has(node.id)) node.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** The ids of a refspec's remote node and every prefix node above the ref. */
export function ancestorIds(refspec: string): string[] {
  const colon = refspec.indexOf(':');
  if (colon < 0) return [];
  const remote = refspec.slice(0, colon);
  const segments = refspec.slice(colon + 1).split('/');
  return [`${remote}:`, ...segments.slice(0, -1).map((_, index) => `${remote}:${segments.slice(0, index + 1).join('/')}`)];
}
