// Opening what a request points at: a sysroot or a plain repository, and resolving revisions in it.
import Gio from 'gi://Gio';
import OSTree from 'gi://OSTree';
import { EngineError, messageOf } from './engine-error';
import type { Target } from './protocol';

const CHECKSUM = /^[0-9a-f]{64}$/;

export function openSysroot(path: string): OSTree.Sysroot {
  const root = Gio.File.new_for_path(path);
  if (!root.get_child('ostree').get_child('repo').query_exists(null) || !root.get_child('ostree').get_child('deploy').query_exists(null)) {
    throw new EngineError('not-a-sysroot', `${path} is not an OSTree sysroot (no ostree/repo and ostree/deploy)`);
  }
  const sysroot = OSTree.Sysroot.new(root);
  try {
    sysroot.load(null);
  } catch (error) {
    throw new EngineError('not-a-sysroot', `${path} is not a usable OSTree sysroot: ${messageOf(error)}`);
  }
  return sysroot;
}

export function openRepo(target: Target): OSTree.Repo {
  if (target.kind === 'sysroot') return openSysroot(target.path).repo();
  const file = Gio.File.new_for_path(target.path);
  if (!file.get_child('config').query_exists(null)) {
    throw new EngineError('not-found', `${target.path} is not an OSTree repository`);
  }
  const repo = OSTree.Repo.new(file);
  try {
    repo.open(null);
  } catch (error) {
    throw new EngineError('not-found', `${target.path} is not a usable OSTree repository: ${messageOf(error)}`);
  }
  return repo;
}

/** The checksum a revision names, after checking the commit object is really there. */
export function resolveCommit(repo: OSTree.Repo, rev: string): string {
  let checksum: string | null = rev;
  if (!CHECKSUM.test(rev)) {
    try {
      [, checksum] = repo.resolve_rev(rev, true);
    } catch (error) {
      throw new EngineError('not-found', `cannot resolve ${rev}: ${messageOf(error)}`);
    }
    if (!checksum) throw new EngineError('not-found', `unknown ref ${rev}`);
  }
  const [, exists] = repo.has_object(OSTree.ObjectType.COMMIT, checksum, null);
  if (!exists) throw new EngineError('not-found', `commit ${checksum} is not in the repository`);
  return checksum;
}
