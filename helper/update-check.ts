// Unprivileged looks at what an update would bring: the remote's summary says whether a newer commit exists, and a
// preview fetches it into a repository in the user's cache, never into the system repository.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import OSTree from 'gi://OSTree';
import { loadCommit, metadataString } from './commit-metadata';
import { hasTree } from './commit-tree';
import { describeOrigin, referenceDeployment } from './deployments';
import { EngineError } from './engine-error';
import type { LogResult, PreviewResult, UpdateCheckResult } from './protocol';
import { readLog } from './commits';
import { pull, splitRefspec } from './pull';
import { remoteRefs, requireRemote } from './remotes';
import type { RequestContext } from './request-context';

function followed(sysroot: OSTree.Sysroot): { refspec: string; current: string } {
  const deployment = referenceDeployment(sysroot);
  if (!deployment) throw new EngineError('not-found', 'the sysroot has no deployment');
  const origin = describeOrigin(deployment.get_origin());
  if (!origin.origin || origin.originKind === 'container-image' || origin.originKind === 'unknown') {
    throw new EngineError('not-found', 'the current deployment does not follow an OSTree branch');
  }
  return { refspec: origin.origin, current: deployment.get_csum() };
}

/** A repository in the user's cache that mirrors the system's remote URL, for reading commits only. */
function previewRepo(sysroot: OSTree.Sysroot, cacheDir: string, remote: string): OSTree.Repo {
  const path = `${cacheDir}/preview-repo`;
  const file = Gio.File.new_for_path(path);
  const repo = OSTree.Repo.new(file);
  if (file.get_child('config').query_exists(null)) repo.open(null);
  else {
    GLib.mkdir_with_parents(path, 0o700);
    repo.create(OSTree.RepoMode.ARCHIVE, null);
  }
  const [, url] = sysroot.repo().remote_get_url(remote);
  if (repo.remote_list().includes(remote)) {
    if (repo.remote_get_url(remote)[1] === url) return repo;
    repo.remote_delete(remote, null);
  }
  // Signatures are checked by the privileged pull that deploys; this copy is only read for a preview.
  repo.remote_add(remote, url, new GLib.Variant('a{sv}', { 'gpg-verify': new GLib.Variant('b', false) }), null);
  return repo;
}

function fetchCommit(
  sysroot: OSTree.Sysroot,
  cacheDir: string,
  refspec: string,
  context: RequestContext,
  wholeTree: boolean,
): { repo: OSTree.Repo; checksum: string } {
  const { remote, ref } = splitRefspec(refspec);
  requireRemote(sysroot.repo(), remote);
  const repo = previewRepo(sysroot, cacheDir, remote);
  pull(repo, { remote, ref, commitOnly: true }, context);
  const checksum = repo.resolve_rev(refspec, false)[1];
  if (!checksum) throw new EngineError('fetch-failed', `${refspec} has no commit on the remote`);
  const variant = loadCommit(repo, checksum);
  const needsTree = wholeTree && !variant?.get_child_value(0).lookup_value('rpmostree.rpmdb.pkglist', null);
  if (needsTree && !hasTree(repo, checksum)) pull(repo, { remote, ref, commit: checksum }, context);
  return { repo, checksum };
}

export function checkUpdate(sysroot: OSTree.Sysroot, cacheDir: string, context: RequestContext): UpdateCheckResult {
  const { refspec, current } = followed(sysroot);
  const { remote, ref } = splitRefspec(refspec);
  const refs = remoteRefs(sysroot.repo(), remote, cacheDir, true);
  // A check that could not reach the remote must say so, never "up to date".
  if (refs.stale) throw new EngineError('fetch-failed', `cannot reach remote ${remote} to check for updates`);
  const entry = refs.refs.find((candidate) => candidate.ref === ref);
  if (!entry) throw new EngineError('not-found', `${refspec} is no longer on the remote`);
  let version = entry.version;
  if (entry.checksum !== current && version === null) {
    const fetched = fetchCommit(sysroot, cacheDir, refspec, context, false);
    const variant = loadCommit(fetched.repo, fetched.checksum);
    version = variant ? metadataString(variant, 'version') : null;
  }
  return {
    refspec,
    current,
    available: entry.checksum !== current,
    checksum: entry.checksum,
    version,
    timestamp: entry.timestamp,
  };
}

/** The history of a branch the system has not pulled, from its commit objects fetched into the user's cache. */
export function remoteLog(
  sysroot: OSTree.Sysroot,
  cacheDir: string,
  refspec: string,
  limit: number,
  context: RequestContext,
): LogResult {
  const { remote, ref } = splitRefspec(refspec);
  requireRemote(sysroot.repo(), remote);
  const repo = previewRepo(sysroot, cacheDir, remote);
  pull(repo, { remote, ref, commitOnly: true, depth: limit - 1 }, context);
  const tip = repo.resolve_rev(refspec, false)[1];
  if (!tip) throw new EngineError('not-found', `${refspec} has no commit on the remote`);
  return readLog(repo, tip, limit);
}

export function fetchPreview(
  sysroot: OSTree.Sysroot,
  cacheDir: string,
  refspec: string | null,
  context: RequestContext,
): PreviewResult {
  const wanted = refspec ?? followed(sysroot).refspec;
  const { repo, checksum } = fetchCommit(sysroot, cacheDir, wanted, context, true);
  return { refspec: wanted, checksum, repo: repo.get_path().get_path() ?? '' };
}
