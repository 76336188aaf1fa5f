// Where a commit keeps its package list: rpm-ostree's pkglist metadata, the rpm database in the tree, or dpkg's
// status file. Databases are handed to the Node side as a path to read; for bare repositories that is the object
// file itself, for archive repositories an extracted copy in the user's cache, named by its content checksum.
import Gio from 'gi://Gio';
import OSTree from 'gi://OSTree';
import { loadCommit } from './commit-metadata';
import { findFileInCommit, hasTree } from './commit-tree';
import { EngineError } from './engine-error';
import { spliceFileAtomically } from './files';
import type { PackageDatabaseResult, PackageTuple } from './protocol';

const RPMDB_LOCATIONS: { path: string; format: 'sqlite' | 'bdb' }[] = [
  { path: 'usr/share/rpm/rpmdb.sqlite', format: 'sqlite' },
  { path: 'usr/lib/sysimage/rpm/rpmdb.sqlite', format: 'sqlite' },
  { path: 'usr/share/rpm/Packages', format: 'bdb' },
  { path: 'usr/lib/sysimage/rpm/Packages', format: 'bdb' },
];
const DPKG_LOCATIONS = ['usr/share/dpkg/database/status', 'var/lib/dpkg/status'];

function objectPath(repo: OSTree.Repo, fileChecksum: string, cacheDir: string): string {
  const mode = repo.get_mode();
  if (mode !== OSTree.RepoMode.ARCHIVE) {
    const path = `${repo.get_path().get_path() ?? ''}/objects/${fileChecksum.slice(0, 2)}/${fileChecksum.slice(2)}.file`;
    if (Gio.File.new_for_path(path).query_exists(null)) return path;
  }
  const cached = `${cacheDir}/objects/${fileChecksum}`;
  if (Gio.File.new_for_path(cached).query_exists(null)) return cached;
  const [, stream, info] = repo.load_file(fileChecksum, null);
  if (!stream) throw new EngineError('internal', `file object ${fileChecksum} has no content`);
  // Spliced natively: copying megabytes through JavaScript arrays costs more than the decompression itself.
  spliceFileAtomically(cached, stream, info.get_size());
  return cached;
}

export function packageDatabase(repo: OSTree.Repo, checksum: string, cacheDir: string): PackageDatabaseResult {
  const commit = loadCommit(repo, checksum);
  if (!commit) throw new EngineError('not-found', `commit ${checksum} is not in the repository`);
  const pkglist = commit.get_child_value(0).lookup_value('rpmostree.rpmdb.pkglist', null);
  if (pkglist) return { checksum, source: 'pkglist', pkglist: pkglist.deep_unpack<PackageTuple[]>() };
  if (!hasTree(repo, checksum)) {
    throw new EngineError('no-package-database', `commit ${checksum} has no package list and its tree is not pulled`);
  }
  for (const location of RPMDB_LOCATIONS) {
    const file = findFileInCommit(repo, checksum, location.path);
    if (file) {
      const path = objectPath(repo, file, cacheDir);
      return { checksum, source: 'rpmdb', format: location.format, path, contentChecksum: file };
    }
  }
  for (const location of DPKG_LOCATIONS) {
    const file = findFileInCommit(repo, checksum, location);
    if (file) return { checksum, source: 'dpkg', path: objectPath(repo, file, cacheDir), contentChecksum: file };
  }
  throw new EngineError('no-package-database', `commit ${checksum} has no package database (rpm or dpkg)`);
}
