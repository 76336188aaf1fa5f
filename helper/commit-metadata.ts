// Reading an OSTree commit variant: (a{sv} metadata, ay parent, a(say) related, s subject, s body, t timestamp,
// ay root tree, ay root meta).
import type GLib from 'gi://GLib';
import OSTree from 'gi://OSTree';
import type { Commit } from './protocol';

export function metadataString(commit: GLib.Variant, key: string): string | null {
  const value = commit.get_child_value(0).lookup_value(key, null);
  if (!value) return null;
  const unpacked = value.deep_unpack();
  return typeof unpacked === 'string' ? unpacked : null;
}

export function describeCommit(checksum: string, commit: GLib.Variant): Commit {
  return {
    checksum,
    parent: OSTree.commit_get_parent(commit),
    version: metadataString(commit, 'version'),
    timestamp: OSTree.commit_get_timestamp(commit),
    subject: commit.get_child_value(3).deep_unpack<string>(),
    body: commit.get_child_value(4).deep_unpack<string>(),
    endOfLife: metadataString(commit, 'ostree.endoflife'),
    endOfLifeRebase: metadataString(commit, 'ostree.endoflife-rebase'),
    source: metadataString(commit, 'ostree.source-title'),
  };
}

/** The commit variant, or null when the object is not in the repository (pruned or never pulled). */
export function loadCommit(repo: OSTree.Repo, checksum: string): GLib.Variant | null {
  const [, variant] = repo.load_variant_if_exists(OSTree.ObjectType.COMMIT, checksum);
  return variant;
}
