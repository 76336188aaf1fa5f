// A commit's history, newest first, in pages.
import type OSTree from 'gi://OSTree';
import { describeCommit, loadCommit } from './commit-metadata';
import type { Commit, LogResult } from './protocol';

export function readLog(repo: OSTree.Repo, checksum: string, limit: number): LogResult {
  const commits: Commit[] = [];
  let next: string | null = checksum;
  while (next && commits.length < limit) {
    const variant = loadCommit(repo, next);
    if (!variant) return { commits, next: null, partial: true };
    const commit = describeCommit(next, variant);
    commits.push(commit);
    next = commit.parent;
  }
  if (next && !loadCommit(repo, next)) return { commits, next: null, partial: true };
  return { commits, next, partial: false };
}
