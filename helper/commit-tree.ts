// Reading a commit's tree through its dirtree objects: finding a file (following symlinks inside the commit) and
// diffing two trees, skipping every subtree whose checksums are equal.
import type GLib from 'gi://GLib';
import OSTree from 'gi://OSTree';
import { EngineError } from './engine-error';
import { loadCommit } from './commit-metadata';
import type { FileDiffResult } from './protocol';

interface Tree {
  files: Map<string, string>;
  dirs: Map<string, { tree: string; meta: string }>;
}

function loadTree(repo: OSTree.Repo, checksum: string): Tree {
  const [, variant] = repo.load_variant(OSTree.ObjectType.DIR_TREE, checksum);
  const files = new Map<string, string>();
  const dirs = new Map<string, { tree: string; meta: string }>();
  const fileList = variant.get_child_value(0);
  for (let i = 0; i < fileList.n_children(); i++) {
    const entry = fileList.get_child_value(i);
    files.set(entry.get_child_value(0).deep_unpack<string>(), OSTree.checksum_from_bytes_v(entry.get_child_value(1)));
  }
  const dirList = variant.get_child_value(1);
  for (let i = 0; i < dirList.n_children(); i++) {
    const entry = dirList.get_child_value(i);
    dirs.set(entry.get_child_value(0).deep_unpack<string>(), {
      tree: OSTree.checksum_from_bytes_v(entry.get_child_value(1)),
      meta: OSTree.checksum_from_bytes_v(entry.get_child_value(2)),
    });
  }
  return { files, dirs };
}

function rootOf(repo: OSTree.Repo, checksum: string): { tree: string; meta: string } {
  const commit = loadCommit(repo, checksum);
  if (!commit) throw new EngineError('not-found', `commit ${checksum} is not in the repository`);
  return rootChecksums(commit);
}

function rootChecksums(commit: GLib.Variant): { tree: string; meta: string } {
  return {
    tree: OSTree.checksum_from_bytes_v(commit.get_child_value(6)),
    meta: OSTree.checksum_from_bytes_v(commit.get_child_value(7)),
  };
}

/** Whether the dirtree objects of a commit are present (a commit-only pull has just the commit object). */
export function hasTree(repo: OSTree.Repo, checksum: string): boolean {
  const [, present] = repo.has_object(OSTree.ObjectType.DIR_TREE, rootOf(repo, checksum).tree, null);
  return present;
}

export function diffCommitTrees(repo: OSTree.Repo, from: string, to: string): FileDiffResult {
  const result: FileDiffResult = { from, to, added: [], removed: [], modified: [] };
  // Like `ostree diff`, an added directory is listed with everything under it, a removed one alone.
  const listAll = (list: string[], path: string, tree: string): void => {
    list.push(path);
    const { files, dirs } = loadTree(repo, tree);
    for (const name of files.keys()) list.push(`${path}/${name}`);
    for (const [name, dir] of dirs) listAll(list, `${path}/${name}`, dir.tree);
  };
  const walk = (path: string, a: string, b: string): void => {
    const left = loadTree(repo, a);
    const right = loadTree(repo, b);
    for (const [name, checksum] of left.files) {
      const other = right.files.get(name);
      if (other === undefined) {
        if (right.dirs.has(name)) result.modified.push(path + name);
        else result.removed.push(path + name);
      } else if (other !== checksum) result.modified.push(path + name);
    }
    for (const name of right.files.keys()) {
      if (!left.files.has(name) && !left.dirs.has(name)) result.added.push(path + name);
    }
    for (const [name, dir] of left.dirs) {
      const other = right.dirs.get(name);
      if (!other) {
        if (!right.files.has(name)) result.removed.push(path + name);
        else result.modified.push(path + name);
        continue;
      }
      if (other.meta !== dir.meta) result.modified.push(path + name);
      if (other.tree !== dir.tree) walk(`${path}${name}/`, dir.tree, other.tree);
    }
    for (const [name, dir] of right.dirs) {
      if (!left.dirs.has(name) && !left.files.has(name)) listAll(result.added, path + name, dir.tree);
    }
  };
  const a = rootOf(repo, from);
  const b = rootOf(repo, to);
  if (a.tree !== b.tree) walk('/', a.tree, b.tree);
  for (const list of [result.added, result.removed, result.modified]) list.sort();
  return result;
}

const MAX_SYMLINKS = 40;

/**
 * The file object a path names inside a commit, following symlinks the way the booted tree would (absolute
 * targets are relative to the commit's root). Null when the path does not exist.
 */
export function findFileInCommit(repo: OSTree.Repo, checksum: string, path: string): string | null {
  const root = rootOf(repo, checksum).tree;
  let pending = path.split('/').filter((part) => part.length > 0);
  let stack: string[] = [root];
  let names: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const [name, ...rest] = pending;
    pending = rest;
    if (name === undefined || name === '.') continue;
    if (name === '..') {
      if (stack.length > 1) {
        stack = stack.slice(0, -1);
        names = names.slice(0, -1);
      }
      continue;
    }
    const tree = loadTree(repo, stack[stack.length - 1] ?? root);
    const dir = tree.dirs.get(name);
    if (dir) {
      stack = [...stack, dir.tree];
      names = [...names, name];
      continue;
    }
    const file = tree.files.get(name);
    if (!file) return null;
    const [, , info] = repo.load_file(file, null);
    const target = info.get_symlink_target();
    if (info.get_file_type() !== 3 || target === null) return pending.length === 0 ? file : null;
    if (++links > MAX_SYMLINKS) return null;
    const targetParts = target.split('/').filter((part) => part.length > 0);
    if (target.startsWith('/')) {
      stack = [root];
      names = [];
    }
    pending = [...targetParts, ...pending];
  }
  return null;
}
